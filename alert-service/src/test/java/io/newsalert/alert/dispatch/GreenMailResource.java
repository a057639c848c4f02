package io.newsalert.alert.dispatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free loopback port, with Quarkus Mailer pointed at it. The
 * server can be stopped and started again on the same port to play an SMTP outage.
 */
public final class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    static volatile GreenMail greenMail;
    static volatile int port;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(ServerSetup.SMTP.dynamicPort());
        greenMail.start();
        port = greenMail.getSmtp().getPort();
        // No pooled SMTP connections, so that an outage is an outage for the very next mail too.
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.mock", "false", "quarkus.mailer.keep-alive", "false");
    }

    /** Stops the SMTP server: sends fail until {@link #restart()}. */
    static void outage() {
        greenMail.stop();
    }

    /** Starts an SMTP server on the same port again. */
    static void restart() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /** The mails the current server received for one recipient. */
    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The first body part of a mail with that MIME type (text/plain, text/html), or null. */
    static String part(MimeMessage mail, String type) throws Exception {
        Object content = mail.getContent();
        return content instanceof String s ? s : find((Multipart) content, type);
    }

    private static String find(Multipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var p = multipart.getBodyPart(i);
            if (p.getContent() instanceof Multipart inner) {
                String found = find(inner, type);
                if (found != null) {
                    return found;
                }
            } else if (p.isMimeType(type)) {
                return p.getContent().toString();
            }
        }
        return null;
    }
}
