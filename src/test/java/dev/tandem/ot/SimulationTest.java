package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.BooleanSetOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DateSetOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.server.CommittedOperation;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.transform.OperationPair;
import dev.tandem.ot.transform.OperationTransformer;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized simulation: N clients run the Convergence client's control algorithm (apply
 * locally, send with the current context version without waiting, transform incoming remote
 * operations against the in-flight ones, count acks) against a {@link ModelOperationProcessor},
 * with random operations of every kind (compound batches included, also on nested values that
 * others remove) and random delivery interleavings. At the end every client equals the server, and
 * history plays backwards to the start and forwards to the end. A failure prints the seed and the
 * trace; rerun one seed with {@code -Dot.seed=<seed>}.
 *
 * <p>String edits are inserts or removes (what {@code RealTimeString.insert/remove} send): splices
 * that both delete and insert hit the client's splice/splice defect (see {@link
 * KnownClientDefects}) and can diverge.
 */
class SimulationTest {

    private static final boolean FULL = Boolean.getBoolean("ot.exhaustive");
    private final OperationTransformer transformer = OperationTransformer.standard();

    @Test
    void clientsConvergeWithTheServer() {
        Long only = Long.getLong("ot.seed");
        int runs = FULL ? 2000 : 150;
        for (long seed = 1; seed <= runs; seed++) {
            long s = only != null ? only : seed;
            new Run(s).execute();
            if (only != null) {
                return;
            }
        }
    }

    /** One simulated session. */
    private final class Client {
        final String sessionId;
        final ModelTree tree;
        long contextVersion;
        final List<Operation> inFlight = new ArrayList<>();
        final Deque<Object[]> outbox = new ArrayDeque<>();
        final Deque<Object[]> inbox = new ArrayDeque<>();
        int nextId;

        Client(String sessionId, ObjectValue base, long version) {
            this.sessionId = sessionId;
            this.tree = new ModelTree(base);
            this.contextVersion = version;
        }

        String newId() {
            return sessionId + ":" + nextId++;
        }

        void receive(Object[] message) {
            if (message[0].equals("ack")) {
                assertEquals(contextVersion, (long) message[1], sessionId + " ack version");
                inFlight.remove(0);
                contextVersion++;
                return;
            }
            assertEquals(contextVersion, (long) message[1], sessionId + " remote op version");
            Operation s = (Operation) message[2];
            for (int i = 0; i < inFlight.size(); i++) {
                OperationPair pair = transformer.transform(s, inFlight.get(i));
                s = pair.serverOp();
                inFlight.set(i, pair.clientOp());
            }
            tree.apply(s);
            contextVersion++;
        }
    }

    private final class Run {
        final long seed;
        final Random random;
        final List<String> trace = new ArrayList<>();
        final ObjectValue base = initial();
        final ModelOperationProcessor server = new ModelOperationProcessor(new ModelTree(base), 1);
        final List<Client> clients = new ArrayList<>();
        final List<AppliedOperation> history = new ArrayList<>();

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void execute() {
            try {
                int n = 2 + random.nextInt(FULL ? 4 : 3);
                for (int i = 0; i < n; i++) {
                    Client c = new Client("c" + i, base, 1);
                    server.trackClient(c.sessionId, 1);
                    clients.add(c);
                }
                int steps = FULL ? 400 : 120;
                for (int step = 0; step < steps; step++) {
                    Client c = clients.get(random.nextInt(n));
                    int action = random.nextInt(10);
                    if (action < 4) {
                        edit(c);
                    } else if (action < 7) {
                        deliverToServer(c);
                    } else {
                        deliverToClient(c);
                    }
                }
                boolean pending = true;
                while (pending) {
                    pending = false;
                    for (Client c : clients) {
                        pending |= deliverToServer(c) | deliverToClient(c);
                    }
                }
                ObjectValue expected = server.tree().toValue();
                for (Client c : clients) {
                    assertEquals(List.of(), c.inFlight, c.sessionId + " in flight");
                    assertEquals(expected, c.tree.toValue(), c.sessionId + " differs from the server");
                }
                ModelTree replay = new ModelTree(expected);
                Playback.backward(replay, history);
                assertEquals(base, replay.toValue(), "history played backwards");
                Playback.forward(replay, history);
                assertEquals(expected, replay.toValue(), "history played forwards");
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "simulation failed, seed "
                                + seed
                                + " (-Dot.seed="
                                + seed
                                + ")\ntrace:\n  "
                                + String.join("\n  ", trace.subList(Math.max(0, trace.size() - 60), trace.size())),
                        e);
            }
        }

        boolean deliverToServer(Client c) {
            Object[] m = c.outbox.poll();
            if (m == null) {
                return false;
            }
            CommittedOperation committed = server.submit(c.sessionId, (long) m[0], (Operation) m[1]);
            history.add(committed.applied());
            trace.add("server <- "
                    + c.sessionId
                    + " cv="
                    + m[0]
                    + " "
                    + m[1]
                    + "\n     committed v="
                    + committed.version()
                    + " "
                    + committed.operation());
            for (Client other : clients) {
                if (other == c) {
                    other.inbox.add(new Object[] {"ack", committed.version()});
                } else {
                    other.inbox.add(new Object[] {"op", committed.version(), committed.operation()});
                }
            }
            return true;
        }

        boolean deliverToClient(Client c) {
            Object[] m = c.inbox.poll();
            if (m == null) {
                return false;
            }
            trace.add(c.sessionId + " <- " + m[0] + " v=" + m[1] + (m.length > 2 ? " " + m[2] : ""));
            c.receive(m);
            return true;
        }

        void edit(Client c) {
            Operation op;
            if (random.nextInt(5) == 0) {
                int count = 2 + random.nextInt(3);
                List<DiscreteOperation> ops = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    DiscreteOperation d = randomOperation(c);
                    c.tree.apply(d);
                    ops.add(d);
                }
                op = new CompoundOperation(ops);
            } else {
                op = randomOperation(c);
                c.tree.apply(op);
            }
            c.inFlight.add(op);
            c.outbox.add(new Object[] {c.contextVersion, op});
            trace.add(c.sessionId + " local cv=" + c.contextVersion + " " + op);
        }

        DiscreteOperation randomOperation(Client c) {
            ObjectValue root = c.tree.toValue();
            List<DataValue> all = new ArrayList<>();
            collect(root, all::add);
            for (int attempt = 0; ; attempt++) {
                DataValue target = all.get(random.nextInt(all.size()));
                DiscreteOperation op = operationOn(c, target, target == root);
                if (op != null) {
                    return op;
                }
            }
        }

        DiscreteOperation operationOn(Client c, DataValue target, boolean isRoot) {
            String id = target.id();
            if (target instanceof StringValue s) {
                int len = s.value().length();
                switch (random.nextInt(5)) {
                    case 0:
                        return new StringSetOperation(id, false, "set" + random.nextInt(5));
                    case 1:
                    case 2:
                        return new StringSpliceOperation(id, false, random.nextInt(len + 1), 0, word());
                    default:
                        if (len == 0) {
                            return null;
                        }
                        int index = random.nextInt(len);
                        return new StringSpliceOperation(
                                id, false, index, 1 + random.nextInt(Math.min(3, len - index)), "");
                }
            } else if (target instanceof ArrayValue a) {
                int size = a.children().size();
                switch (random.nextInt(size == 0 ? 2 : 6)) {
                    case 0:
                        return new ArrayInsertOperation(id, false, random.nextInt(size + 1), newValue(c));
                    case 1:
                        if (random.nextInt(4) != 0) {
                            return new ArrayInsertOperation(id, false, random.nextInt(size + 1), newValue(c));
                        }
                        return new ArraySetOperation(id, false, List.of(newValue(c), newValue(c)));
                    case 2:
                        return new ArrayRemoveOperation(id, false, random.nextInt(size));
                    case 3:
                        return new ArrayReplaceOperation(id, false, random.nextInt(size), newValue(c));
                    default:
                        return new ArrayMoveOperation(id, false, random.nextInt(size), random.nextInt(size));
                }
            } else if (target instanceof ObjectValue o) {
                List<String> keys = new ArrayList<>(o.children().keySet());
                int r = random.nextInt(10);
                if (r == 0 && !isRoot) {
                    return new ObjectSetOperation(id, false, Map.of("k" + random.nextInt(4), newValue(c)));
                } else if (r < 4) {
                    String key = "k" + random.nextInt(6);
                    if (o.children().containsKey(key)) {
                        return null;
                    }
                    return new ObjectAddPropertyOperation(id, false, key, newValue(c));
                } else if (keys.isEmpty()) {
                    return null;
                }
                String key = keys.get(random.nextInt(keys.size()));
                if (isRoot && !key.startsWith("k")) {
                    return null;
                }
                return r < 8
                        ? new ObjectSetPropertyOperation(id, false, key, newValue(c))
                        : new ObjectRemovePropertyOperation(id, false, key);
            } else if (target instanceof NumberValue) {
                return random.nextBoolean()
                        ? new NumberDeltaOperation(id, false, random.nextInt(7) - 3)
                        : new NumberSetOperation(id, false, random.nextInt(5));
            } else if (target instanceof BooleanValue) {
                return new BooleanSetOperation(id, false, random.nextBoolean());
            } else if (target instanceof DateValue) {
                return new DateSetOperation(id, false, Instant.ofEpochMilli(random.nextInt(3) * 1000L));
            }
            return null;
        }

        String word() {
            return "xyzw".substring(0, 1 + random.nextInt(3));
        }

        DataValue newValue(Client c) {
            switch (random.nextInt(5)) {
                case 0:
                    return new NumberValue(c.newId(), random.nextInt(9));
                case 1:
                    return new ArrayValue(c.newId(), List.of(new StringValue(c.newId(), "in")));
                case 2:
                    return new ObjectValue(c.newId(), Map.of("n", new StringValue(c.newId(), "v")));
                default:
                    return new StringValue(c.newId(), "s" + random.nextInt(9));
            }
        }
    }

    private static void collect(DataValue v, Consumer<DataValue> sink) {
        sink.accept(v);
        if (v instanceof ObjectValue o) {
            o.children().values().forEach(c -> collect(c, sink));
        } else if (v instanceof ArrayValue a) {
            a.children().forEach(c -> collect(c, sink));
        }
    }

    private static ObjectValue initial() {
        return Fixtures.model();
    }
}
