package io.newsalert.alert.dispatch;

import io.newsalert.alert.auth.Caller;
import io.newsalert.alert.dispatch.email.UnsubscribeLinks;
import io.newsalert.alert.dispatch.email.UnsubscribeTokens;
import io.newsalert.alert.subscription.SubscriptionDirectory;
import io.newsalert.events.Channel;
import io.newsalert.events.DeliveryOutcome;
import io.newsalert.events.Subscription;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The delivery endpoints. Each has its own full class path so that it never shadows the
 * subscriptions resource's {@code /api/subscriptions/{id}} (JAX-RS picks the class path with the
 * most literal characters).
 */
public final class DeliveryResources {

    private DeliveryResources() {}

    /** The subscription if the caller may see it; another owner's subscription is a 404, as if absent. */
    static Subscription visible(SubscriptionDirectory directory, Caller caller, String id) {
        return directory.get(id)
                .filter(s -> caller.isAdmin() || (caller.keyId() != null && caller.keyId().equals(s.owner())))
                .orElseThrow(() -> new WebApplicationException(Response.status(404)
                        .type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "no subscription " + id)).build()));
    }

    /** One channel's answer to a test event. */
    public record TestResult(String type, String target, boolean delivered, int status, String error, String response) {}

    @Path("/api/subscriptions/{id}/test")
    public static class TestEvent {

        @Inject
        SubscriptionDirectory directory;

        @Inject
        Caller caller;

        @Inject
        DispatchService dispatch;

        /** Sends a signed test event to every channel of the subscription now and reports each answer. */
        @POST
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Object> send(@PathParam("id") String id) {
            Subscription sub = visible(directory, caller, id);
            Dispatcher dispatcher = dispatch.dispatcher().orElseThrow(() -> new WebApplicationException(Response.status(503)
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", "delivery is still starting")).build()));
            List<TestResult> results = new ArrayList<>();
            for (Channel channel : sub.channels()) {
                SendResult r = dispatcher.sendTest(sub, channel);
                results.add(new TestResult(channel.type().name(),
                        channel.type() == Channel.ChannelType.webhook ? channel.url() : channel.address(),
                        r.verdict() == io.newsalert.alert.dispatch.retry.Verdict.DELIVERED, r.status(), r.error(), r.body()));
            }
            return Map.of("subscription", id, "results", results);
        }
    }

    @Path("/api/subscriptions/{id}/deliveries")
    public static class Deliveries {

        @Inject
        SubscriptionDirectory directory;

        @Inject
        Caller caller;

        @Inject
        DeliveryLog log;

        /** The subscription's latest delivery outcomes (every try, retries included), newest first. */
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public List<DeliveryOutcome> list(@PathParam("id") String id) {
            visible(directory, caller, id);
            return log.latest(id);
        }
    }

    @Path("/api/unsubscribe")
    public static class Unsubscribe {

        @Inject
        SubscriptionDirectory directory;

        @Inject
        UnsubscribeLinks links;

        /**
         * Follows a mailed unsubscribe link: removes that address from the subscription (and disables
         * the subscription when no channel is left). Needs no API key; the token is the proof.
         */
        @GET
        @Produces(MediaType.TEXT_HTML)
        public Response viaLink(@QueryParam("token") String token) {
            return unsubscribe(token);
        }

        /** RFC 8058 one-click unsubscribe (mail clients POST to the List-Unsubscribe URL). */
        @POST
        @Produces(MediaType.TEXT_HTML)
        public Response oneClick(@QueryParam("token") String token) {
            return unsubscribe(token);
        }

        private Response unsubscribe(String token) {
            UnsubscribeTokens.Target target = links.read(token).orElse(null);
            if (target == null) {
                return page(400, "This unsubscribe link is not valid. Copy the whole link from the mail, or ask the sender.");
            }
            Subscription sub = directory.get(target.subscriptionId()).orElse(null);
            if (sub == null) {
                return page(200, "You are unsubscribed: this subscription no longer exists.");
            }
            String key = io.newsalert.alert.dispatch.DeliveryJob.channelKey(Channel.email(target.address()));
            List<Channel> kept = sub.channels().stream()
                    .filter(c -> !io.newsalert.alert.dispatch.DeliveryJob.channelKey(c).equals(key)).toList();
            if (kept.size() != sub.channels().size()) {
                directory.put(new Subscription(sub.schemaVersion(), sub.id(), sub.owner(), sub.name(), sub.query(), kept,
                        sub.frequency(), sub.timezone(), sub.languages(), sub.feeds(), sub.enabled() && !kept.isEmpty(),
                        sub.created()));
            }
            return page(200, "You are unsubscribed: " + escape(target.address()) + " will get no more alerts for \""
                    + escape(sub.name()) + "\".");
        }

        private static Response page(int status, String message) {
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                    .entity("<!DOCTYPE html><html><body><p>" + message + "</p></body></html>").build();
        }

        private static String escape(String s) {
            return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
