package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.persistence.DatabaseSchema;
import org.junit.jupiter.api.Test;

/** How {@link LiveModels} reads settings that its resources bound. */
class ModelServiceConfigTest {

    @Test
    void commitRoundsLeaveTheLogPoolAConnectionForFiling() {
        int most = DatabaseSchema.LOG_POOL_SIZE - 1;

        assertEquals(1, LiveModels.allowedCommitRounds(1));
        assertEquals(most, LiveModels.allowedCommitRounds(most));
        assertEquals(most, LiveModels.allowedCommitRounds(most + 1));
        assertEquals(most, LiveModels.allowedCommitRounds(64));
    }
}
