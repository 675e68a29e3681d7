package dev.airlock.runtime.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and stops reading there, so that a registry cannot make
 * Airlock buffer more than it will ever use. A page over the limit fails; an error body is cut off,
 * as only its start is logged.
 */
final class BoundedBody implements BodySubscriber<byte[]> {

    /** Enough of an error body for the log. */
    static final int ERROR_BODY_BYTES = 2_048;

    private final long limit;
    private final boolean cutOff;
    private final long declared;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(long limit, boolean cutOff, long declared) {
        this.limit = limit;
        this.cutOff = cutOff;
        this.declared = declared;
    }

    /** A page (status 200) fails past {@code pageLimit}; any other body is cut off at a few KiB. */
    static BodySubscriber<byte[]> of(ResponseInfo info, long pageLimit) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return info.statusCode() == 200
                ? new BoundedBody(pageLimit, false, declared)
                : new BoundedBody(ERROR_BODY_BYTES, true, declared);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (!cutOff && declared > limit) {
            // The registry said how large the page is: no need to read any of it.
            subscription.cancel();
            body.completeExceptionally(new TooLarge());
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int room = (int) Math.min(buffer.remaining(), limit - bytes.size());
            byte[] chunk = new byte[room];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
            if (buffer.hasRemaining()) {
                subscription.cancel();
                if (cutOff) {
                    body.complete(bytes.toByteArray());
                } else {
                    body.completeExceptionally(new TooLarge());
                }
                return;
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    /** The page is larger than Airlock reads. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the response is larger than the limit", null);
        }
    }
}
