package org.albs.archfixture.hexagon.adapter.in.x;

import org.albs.archfixture.hexagon.adapter.in.x.support.XFormat;
import org.albs.archfixture.hexagon.application.port.in.FindThing;

/**
 * A driving adapter of the clean hexagon fixture: it calls the in-port and uses its own subpackage. Not a JAX-RS
 * resource (no annotation), so the Quarkus test application ignores it.
 */
public class XResource {
    private final FindThing findThing;

    public XResource(FindThing findThing) {
        this.findThing = findThing;
    }

    public String get(String name) {
        return XFormat.format(findThing.find(name));
    }
}
