package dev.tandem.interfaces.realtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstAtOnceThenRefusesUntilTokensFlowBackIn() {
        RateLimiter limiter = new RateLimiter(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(0), "burst message " + i);
        }
        assertFalse(limiter.tryAcquire(0));
        assertFalse(limiter.tryAcquire(SECOND / 20), "half a token after 50 ms at 10/s");
        assertTrue(limiter.tryAcquire(SECOND / 10), "one token after 100 ms at 10/s");
        assertFalse(limiter.tryAcquire(SECOND / 10));
    }

    @Test
    void sustainsExactlyTheConfiguredRate() {
        RateLimiter limiter = new RateLimiter(100, 1, 0);
        int accepted = 0;
        // one attempt per millisecond for ten seconds
        for (long t = 0; t < 10 * SECOND; t += SECOND / 1000) {
            if (limiter.tryAcquire(t)) {
                accepted++;
            }
        }
        assertEquals(1000, accepted, 10);
    }

    @Test
    void neverAccumulatesMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(1000, 3, 0);
        long later = 3600 * SECOND;
        assertTrue(limiter.tryAcquire(later));
        assertTrue(limiter.tryAcquire(later));
        assertTrue(limiter.tryAcquire(later));
        assertFalse(limiter.tryAcquire(later));
    }
}
