package org.albs.adapter.out.persistence;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A platform's reference platform. An entity of its own with plain ids, like {@link PlatformRepositoryLink} (see
 * there why): {@code JpaPlatforms} writes a change as a difference and reads the names, ordered by the database, in
 * one query.
 */
@Entity
@Table(name = "reference_platforms")
@IdClass(ReferencePlatformLink.Key.class)
class ReferencePlatformLink {
    @Id
    @Column(name = "platform_id")
    Long platformId;
    @Id
    @Column(name = "reference_platform_id")
    Long referencePlatformId;

    ReferencePlatformLink() {
    }

    ReferencePlatformLink(long platformId, long referencePlatformId) {
        this.platformId = platformId;
        this.referencePlatformId = referencePlatformId;
    }

    record Key(Long platformId, Long referencePlatformId) implements Serializable {
    }
}
