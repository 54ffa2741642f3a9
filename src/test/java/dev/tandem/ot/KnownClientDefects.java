package dev.tandem.ot;

import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.StringSpliceOperation;

/**
 * Pairs for which the client's own transformation function does not converge (TP1 fails in the
 * client too). Tandem reproduces the client's results there on purpose: the client computes s'
 * itself with its function, so a server using a "fixed" function would only diverge from the client
 * in other ways.
 *
 * <p>The only one found by the exhaustive test: splice/splice where both sides delete and insert
 * and the server's deleted range starts strictly after the client's ends ({@code PRECEDED_BY}). The
 * client shifts the server's index by the server's own insert length instead of the client's, so
 * its document differs from the server's whenever the two insert lengths differ.
 */
final class KnownClientDefects {
    private KnownClientDefects() {}

    static boolean diverges(DiscreteOperation s, DiscreteOperation c) {
        if (s instanceof StringSpliceOperation ss && c instanceof StringSpliceOperation cs) {
            boolean bothSplices = ss.deleteCount() > 0
                    && !ss.insertValue().isEmpty()
                    && cs.deleteCount() > 0
                    && !cs.insertValue().isEmpty();
            return bothSplices
                    && ss.index() > cs.index() + cs.deleteCount()
                    && ss.insertValue().length() != cs.insertValue().length();
        }
        return false;
    }
}
