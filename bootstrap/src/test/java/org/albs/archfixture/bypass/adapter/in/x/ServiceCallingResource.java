package org.albs.archfixture.bypass.adapter.in.x;

import org.albs.archfixture.bypass.application.things.ThingService;

/** A deliberately broken driving adapter: it calls the application service instead of an in-port. */
public class ServiceCallingResource {
    private final ThingService service = new ThingService();

    public String get(String name) {
        return service.find(name).name();
    }
}
