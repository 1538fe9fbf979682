package org.albs.archfixture.bypass.application.things;

/** An application service: adapters must reach it only through an in-port. */
public class ThingService {
    public ThingView find(String name) {
        return new ThingView(name);
    }
}
