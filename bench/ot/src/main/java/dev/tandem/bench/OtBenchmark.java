package dev.tandem.bench;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.transform.OperationPair;
import dev.tandem.ot.transform.OperationTransformer;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Transform + apply throughput of the OT core.
 * <ul>
 *   <li>{@code spliceTransformApply}: a 100 KB string; each op is a client splice (insert or remove) transformed
 *       against a concurrent server splice, then both applied to the tree.</li>
 *   <li>{@code moveTransformApply}: a 1,000-element array; a client move transformed against a server move,
 *       both applied.</li>
 *   <li>{@code serverSubmitSplice}: the whole server path (ModelOperationProcessor.submit) with two clients
 *       alternating at a stale context version, so every submission is transformed against history.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OtBenchmark {

  private static final int TEXT = 100 * 1024;
  private static final int ELEMENTS = 1000;

  private final OperationTransformer transformer = OperationTransformer.standard();
  private final SplittableRandom random = new SplittableRandom(42);
  private ModelTree tree;
  private int length;
  private ModelOperationProcessor processor;
  private boolean turn;

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder text = new StringBuilder(TEXT);
    for (int i = 0; i < TEXT; i++) {
      text.append((char) ('a' + i % 26));
    }
    List<DataValue> elements = new ArrayList<>();
    for (int i = 0; i < ELEMENTS; i++) {
      elements.add(new NumberValue("e" + i, i));
    }
    ObjectValue root = new ObjectValue("root", Map.of("text", new StringValue("text", text.toString()),
        "arr", new ArrayValue("arr", elements)));
    tree = new ModelTree(root);
    length = TEXT;
    processor = new ModelOperationProcessor(new ModelTree(root), 1);
    processor.trackClient("a", 1);
    processor.trackClient("b", 1);
  }

  private StringSpliceOperation randomSplice(int len) {
    int index = random.nextInt(len - 8);
    return random.nextBoolean()
        ? new StringSpliceOperation("text", false, index, 0, "xy")
        : new StringSpliceOperation("text", false, index, 2, "");
  }

  @Benchmark
  public Object spliceTransformApply() {
    StringSpliceOperation s = randomSplice(length);
    StringSpliceOperation c = randomSplice(length);
    OperationPair pair = transformer.transform(s, c);
    tree.apply(s);
    Object applied = tree.apply(pair.clientOp());
    length += delta(s) + delta(pair.clientOp());
    return applied;
  }

  private static int delta(Operation op) {
    StringSpliceOperation s = (StringSpliceOperation) op;
    return s.noOp() ? 0 : s.insertValue().length() - s.deleteCount();
  }

  @Benchmark
  public Object moveTransformApply() {
    ArrayMoveOperation s = new ArrayMoveOperation("arr", false, random.nextInt(ELEMENTS), random.nextInt(ELEMENTS));
    ArrayMoveOperation c = new ArrayMoveOperation("arr", false, random.nextInt(ELEMENTS), random.nextInt(ELEMENTS));
    OperationPair pair = transformer.transform(s, c);
    tree.apply(s);
    return tree.apply(pair.clientOp());
  }

  @Benchmark
  public Object serverSubmitSplice() {
    String session = turn ? "a" : "b";
    turn = !turn;
    long version = processor.version();
    // Based one version back: transformed against the other session's latest operation.
    long contextVersion = Math.max(processor.control().version() - 1, 1);
    StringSpliceOperation op = new StringSpliceOperation("text", false, random.nextInt(TEXT - 8), 0, "z");
    return version > 0 ? processor.submit(session, contextVersion, op) : null;
  }
}
