package org.albs.archfixture.hexagon.adapter.out.y;

import java.util.Optional;
import org.albs.archfixture.hexagon.application.port.out.ThingStore;
import org.albs.archfixture.hexagon.domain.Thing;

/** A driven adapter of the clean hexagon fixture: it implements the out-port. */
public class YStore implements ThingStore {
    @Override
    public Optional<Thing> load(String name) {
        return Optional.of(new Thing(name));
    }
}
