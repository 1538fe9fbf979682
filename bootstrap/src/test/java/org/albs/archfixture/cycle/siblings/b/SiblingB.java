package org.albs.archfixture.cycle.siblings.b;

import org.albs.archfixture.cycle.siblings.a.SiblingA;

/** The other half of the cycle between the sibling packages {@code a} and {@code b}. */
public class SiblingB {
    public String name(SiblingA other) {
        return "b of " + other;
    }
}
