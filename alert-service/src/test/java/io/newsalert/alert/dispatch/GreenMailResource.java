package io.newsalert.alert.dispatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
}
