package org.albs.archfixture.hexagon.adapter.in.x.support;

import org.albs.archfixture.hexagon.domain.Thing;

/** A helper in a subpackage of the driving adapter {@code x}: the adapter's own code, not another adapter. */
public final class XFormat {
    private XFormat() {
    }

    public static String format(Thing thing) {
        return "<" + thing.name() + ">";
    }
}
