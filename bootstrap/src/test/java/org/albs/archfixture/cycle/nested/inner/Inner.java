package org.albs.archfixture.cycle.nested.inner;

import org.albs.archfixture.cycle.nested.Outer;

/** The other half of the cycle between a package and its subpackage. */
public class Inner {
    public String name(Outer outer) {
        return "inner of " + outer;
    }
}
