package io.newsalert.events;

/**
 * Where a subscription's alerts go: a webhook (url + signing secret) or an e-mail address.
 *
 * @param secret the webhook signing secret ({@code whsec_…}); null for e-mail
 */
public record Channel(ChannelType type, String url, String secret, String address) {

    public enum ChannelType { webhook, email }

    public static Channel webhook(String url, String secret) {
        return new Channel(ChannelType.webhook, url, secret, null);
    }

    public static Channel email(String address) {
        return new Channel(ChannelType.email, null, null, address);
    }
}
