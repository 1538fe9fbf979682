package org.albs.archfixture.hexagon.application.things;

import org.albs.archfixture.hexagon.application.port.in.FindThing;
import org.albs.archfixture.hexagon.application.port.out.ThingStore;
import org.albs.archfixture.hexagon.domain.Thing;

/** The application service of the clean hexagon fixture: it serves the in-port through the out-port. */
public class ThingService implements FindThing {
    private final ThingStore store;

    public ThingService(ThingStore store) {
        this.store = store;
    }

    @Override
    public Thing find(String name) {
        return store.load(name).orElseGet(() -> new Thing("none"));
    }
}
