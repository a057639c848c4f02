package io.newsalert.enrich.topology;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * What happens to an exception that escapes a stream thread. Kafka Streams' default is
 * SHUTDOWN_CLIENT: the process stays up, answers HTTP, and never enriches again. The soak harness
 * found exactly that after the broker was down for 30 s: a changelog send timed out
 * (TransactionAbortableException), the client shut down, and every later article waited forever.
 *
 * <p>A failure to analyse one article is caught in the topology (the article goes on with its
 * error) and an unreadable record is skipped by the deserialization handler, so what reaches this
 * handler is the broker or the network going away: the thread is replaced. Under exactly_once_v2
 * its open transaction is aborted and its tasks resume from the last committed one, so nothing is
 * lost or published twice. Quarkus hands this bean to KafkaStreams before it starts.
 */
@ApplicationScoped
public class StreamThreadReplacement implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamThreadReplacement.class);

    private final AtomicLong replaced = new AtomicLong();

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        LOG.errorf(exception, "a stream thread failed (%d replaced so far); starting a new one, which resumes from the last committed "
                + "transaction", replaced.incrementAndGet());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** How many stream threads were replaced since start. */
    public long replaced() {
        return replaced.get();
    }
}
