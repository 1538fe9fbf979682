package org.albs.archfixture.hexagon.domain;

/** The domain of the clean hexagon fixture: JDK only. */
public record Thing(String name) {
}
