package org.albs.adapter.out.persistence;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A platform's base repository, in the order nodes receive them ({@link #position}, from 0).
 * <p>
 * The links are entities of their own, holding plain ids, rather than a list association on
 * {@link PlatformEntity}: such a list would be keyed by (platform, position) while the table's key is
 * (platform_id, repository_id), so reordering would make Hibernate's per-index row updates collide with the primary
 * key. As entities they carry the real key, and {@code JpaPlatforms} writes a change of links as a difference: links
 * that stay get their new position, new ones are inserted and dropped ones deleted. Reading a platform's
 * repositories stays one query, which also runs on a session over the connection of a hot-path JDBC transaction.
 */
@Entity
@Table(name = "platform_repository")
@IdClass(PlatformRepositoryLink.Key.class)
class PlatformRepositoryLink {
    @Id
    @Column(name = "platform_id")
    Long platformId;
    @Id
    @Column(name = "repository_id")
    Long repositoryId;
    int position;

    PlatformRepositoryLink() {
    }

    PlatformRepositoryLink(long platformId, long repositoryId, int position) {
        this.platformId = platformId;
        this.repositoryId = repositoryId;
        this.position = position;
    }

    record Key(Long platformId, Long repositoryId) implements Serializable {
    }
}
