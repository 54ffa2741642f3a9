package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.persistence.DatabaseSchema;
import org.junit.jupiter.api.Test;

/** How {@link ModelService} reads settings that its resources bound. */
class ModelServiceConfigTest {

    @Test
    void commitRoundsLeaveTheLogPoolAConnectionForFiling() {
        int most = DatabaseSchema.LOG_POOL_SIZE - 1;

        assertEquals(1, ModelService.allowedCommitRounds(1));
        assertEquals(most, ModelService.allowedCommitRounds(most));
        assertEquals(most, ModelService.allowedCommitRounds(most + 1));
        assertEquals(most, ModelService.allowedCommitRounds(64));
    }
}
