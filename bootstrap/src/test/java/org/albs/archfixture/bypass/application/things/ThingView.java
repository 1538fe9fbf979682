package org.albs.archfixture.bypass.application.things;

/** A type that lives beside the application service, not in a port. */
public record ThingView(String name) {
}
