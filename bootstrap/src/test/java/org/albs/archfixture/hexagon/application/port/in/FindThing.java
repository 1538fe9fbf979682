package org.albs.archfixture.hexagon.application.port.in;

import org.albs.archfixture.hexagon.domain.Thing;

/** An in-port of the clean hexagon fixture: what a driving adapter calls. */
public interface FindThing {
    Thing find(String name);
}
