package org.albs.archfixture.hexagon.bootstrap;

import org.albs.archfixture.hexagon.adapter.in.x.XResource;
import org.albs.archfixture.hexagon.adapter.out.y.YStore;
import org.albs.archfixture.hexagon.application.things.ThingService;

/** The composition root of the clean hexagon fixture: it knows everything, and nothing knows it. */
public final class HexagonWiring {
    private HexagonWiring() {
    }

    public static XResource resource() {
        return new XResource(new ThingService(new YStore()));
    }
}
