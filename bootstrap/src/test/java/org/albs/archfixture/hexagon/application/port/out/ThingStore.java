package org.albs.archfixture.hexagon.application.port.out;

import java.util.Optional;
import org.albs.archfixture.hexagon.domain.Thing;

/** An out-port of the clean hexagon fixture: what a driven adapter implements. */
public interface ThingStore {
    Optional<Thing> load(String name);
}
