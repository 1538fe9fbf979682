package org.albs.archfixture.cycle.nested;

import org.albs.archfixture.cycle.nested.inner.Inner;

/** A deliberately broken package: it uses its own subpackage {@code inner}, which uses it back. */
public class Outer {
    public String name(Inner inner) {
        return "outer of " + inner;
    }
}
