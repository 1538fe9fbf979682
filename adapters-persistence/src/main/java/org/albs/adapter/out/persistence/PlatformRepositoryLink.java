package org.albs.adapter.out.persistence;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A platform's base repository, in the order nodes receive them. */
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

    static class Key implements Serializable {
        Long platformId;
        Long repositoryId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(platformId, k.platformId)
                    && Objects.equals(repositoryId, k.repositoryId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(platformId, repositoryId);
        }
    }
}
