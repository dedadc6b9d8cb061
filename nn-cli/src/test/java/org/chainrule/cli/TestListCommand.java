package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class TestListCommand {
    @Test
    void listsEveryKindWithNameModuleAndParameters() {
        Cli r = Cli.run("list");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("(?s).*activation +leaky_relu +org\\.chainrule\\.activations +.*"), r.out());
        assertTrue(r.out().contains("alpha: real ≥ 0, ≤ 1 (default 0.01)"), r.out());
        assertTrue(r.out().matches("(?s).*loss +cross_entropy +org\\.chainrule\\.losses .*"), r.out());
        assertTrue(r.out().matches("(?s).*initializer +he +org\\.chainrule\\.init .*"), r.out());
        assertTrue(r.out().matches("(?s).*optimizer +adamw +org\\.chainrule\\.optimizers .*"), r.out());
    }
}
