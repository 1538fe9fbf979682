package org.albs.archfixture.cycle.siblings.a;

import org.albs.archfixture.cycle.siblings.b.SiblingB;

/** A deliberately broken package: it uses its sibling package {@code b}, which uses it back. */
public class SiblingA {
    public String name(SiblingB other) {
        return "a of " + other;
    }
}
