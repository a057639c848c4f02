package io.newsalert.events;

/**
 * One named serde class per topic value, with a no-argument constructor, so that Kafka client
 * configuration ({@code value.serializer=…}) can name them.
 */
public final class EventSerdes {

    private EventSerdes() {}

    public static final class RawArticleSerde extends JsonSerde<RawArticle> {
        public RawArticleSerde() { super(RawArticle.class); }
    }

    public static final class EnrichedArticleSerde extends JsonSerde<EnrichedArticle> {
        public EnrichedArticleSerde() { super(EnrichedArticle.class); }
    }

    public static final class FeedConfigSerde extends JsonSerde<FeedConfig> {
        public FeedConfigSerde() { super(FeedConfig.class); }
    }

    public static final class SubscriptionSerde extends JsonSerde<Subscription> {
        public SubscriptionSerde() { super(Subscription.class); }
    }

    public static final class MatchSerde extends JsonSerde<Match> {
        public MatchSerde() { super(Match.class); }
    }

    public static final class DeliveryOutcomeSerde extends JsonSerde<DeliveryOutcome> {
        public DeliveryOutcomeSerde() { super(DeliveryOutcome.class); }
    }
}
