package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.model.ModelStore.NewOperation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRoundTest {

    @Test
    void aRoundReadsBackAsWritten() {
        // Larger than DataOutputStream.writeUTF allows, and characters outside the BMP.
        String pasted = "{\"t\":\"StringSplice\",\"v\":\"" + "x".repeat(70_000) + "😀é\"}";
        List<NewOperation> first = List.of(
                new NewOperation(2, "s1", Instant.parse("2026-01-01T00:00:00.123456789Z"), "{\"a\":1}", "{\"b\":2}"),
                new NewOperation(3, "s2", Instant.parse("2026-01-01T00:00:01Z"), pasted, pasted));
        List<NewOperation> second = List.of(new NewOperation(41, "", Instant.EPOCH, "[]", "[]"));
        byte[] bytes = LogRound.encode(List.of(
                new OperationLog.Append("m1", "d1", first, e -> {}),
                new OperationLog.Append("m2", "d2", second, e -> {})));

        assertEquals(
                List.of(new LogRound.Batch("m1", "d1", first), new LogRound.Batch("m2", "d2", second)),
                LogRound.decode(bytes));
    }

    @Test
    void whatIsNotARoundIsRefusedNotMisread() {
        byte[] bytes = LogRound.encode(List.of(new OperationLog.Append(
                "m1", "d1", List.of(new NewOperation(2, "s1", Instant.EPOCH, "{}", "{}")), e -> {})));

        assertThrows(IllegalArgumentException.class, () -> LogRound.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> LogRound.decode(Arrays.copyOf(bytes, bytes.length + 1)));
        byte[] future = bytes.clone();
        future[0] = 2;
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> LogRound.decode(future));
        assertEquals("a log round in format 2; this server reads 1", format.getMessage());
    }
}
