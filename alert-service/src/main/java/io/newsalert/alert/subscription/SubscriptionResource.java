package io.newsalert.alert.subscription;

import io.newsalert.alert.dispatch.webhook.WebhookTargetGuard;
import java.net.UnknownHostException;

import io.newsalert.alert.auth.Caller;
import io.newsalert.alert.match.RecentMatches;
import io.newsalert.events.Channel;
import io.newsalert.events.Subscription;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /api/subscriptions}: a key creates, reads, replaces and deletes its own subscriptions;
 * another key's subscription does not exist for it (404, never 403, so ids reveal nothing). The
 * admin key sees all. Stored in {@code alerts.subscriptions}; a write returns once this instance's
 * directory holds it, and the matcher follows within milliseconds.
 */
@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    @Inject
    Caller caller;

    @Inject
    SubscriptionDirectory directory;

    @Inject
    RecentMatches recentMatches;

    @Inject
    WebhookTargetGuard targetGuard;

    private final SubscriptionValidator validator = new SubscriptionValidator();

    @POST
    public Response create(SubscriptionRequest request) {
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        Subscription subscription;
        try {
            subscription = validator.validate(request, id, caller.keyId(), null);
            checkWebhookTargets(subscription);
        } catch (InvalidSubscriptionException e) {
            return refused(e);
        }
        directory.put(subscription);
        return Response.created(URI.create("/api/subscriptions/" + id))
                .entity(SubscriptionView.of(subscription, webhookUrls(subscription))).build();
    }

    @GET
    public Response list() {
        return Response.ok(directory.all().stream()
                .filter(this::visible)
                .sorted(Comparator.comparing(Subscription::created).thenComparing(Subscription::id))
                .map(s -> SubscriptionView.of(s, Set.of()))
                .toList()).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return owned(id).map(s -> Response.ok(SubscriptionView.of(s, Set.of())).build()).orElseGet(() -> notFound(id));
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, SubscriptionRequest request) {
        Optional<Subscription> previous = owned(id);
        if (previous.isEmpty()) {
            return notFound(id);
        }
        Subscription subscription;
        try {
            subscription = validator.validate(request, id, previous.get().owner(), previous.get());
            checkWebhookTargets(subscription);
        } catch (InvalidSubscriptionException e) {
            return refused(e);
        }
        directory.put(subscription);
        Set<String> newSecrets = webhookUrls(subscription);
        previous.get().channels().forEach(old -> subscription.channels().stream()
                .filter(c -> c.type() == Channel.ChannelType.webhook && c.url().equals(old.url()) && c.secret().equals(old.secret()))
                .forEach(c -> newSecrets.remove(c.url())));
        return Response.ok(SubscriptionView.of(subscription, newSecrets)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (owned(id).isEmpty()) {
            return notFound(id);
        }
        directory.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/matches")
    public Response matches(@PathParam("id") String id) {
        if (owned(id).isEmpty()) {
            return notFound(id);
        }
        return Response.ok(recentMatches.of(id)).build();
    }

    private Optional<Subscription> owned(String id) {
        return directory.get(id).filter(this::visible);
    }

    private boolean visible(Subscription s) {
        return caller.isAdmin() || s.owner().equals(caller.keyId());
    }

    private static Set<String> webhookUrls(Subscription s) {
        return s.channels().stream().filter(c -> c.type() == Channel.ChannelType.webhook).map(Channel::url)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Response notFound(String id) {
        return ApiError.notFound("no subscription " + id);
    }

    /** The SSRF guard at subscribe time: the dispatcher checks again before every send. */
    private void checkWebhookTargets(Subscription subscription) throws InvalidSubscriptionException {
        List<Channel> channels = subscription.channels();
        for (int i = 0; i < channels.size(); i++) {
            Channel c = channels.get(i);
            if (c.type() != Channel.ChannelType.webhook) {
                continue;
            }
            try {
                targetGuard.check(c.url());
            } catch (WebhookTargetGuard.RefusedTarget e) {
                throw new InvalidSubscriptionException("channels[" + i + "].url: " + e.getMessage());
            } catch (UnknownHostException e) {
                throw new InvalidSubscriptionException("channels[" + i + "].url: host " + URI.create(c.url()).getHost()
                        + " does not resolve");
            }
        }
    }

    private static Response refused(InvalidSubscriptionException e) {
        return e.position() == null ? ApiError.badRequest(e.getMessage()) : ApiError.badRequest(e.getMessage(), e.position());
    }
}
