package org.albs.adapter.out.persistence;

import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** A Panache repository whose entities can be re-read under a row lock before a read-modify-write. */
interface LockingEntities<E> extends PanacheRepositoryBase<E, Long> {
    /**
     * Re-reads the managed entity's row and write-locks it until the transaction ends, so a change computed from
     * the entity builds on the latest committed state and no other transaction writes in between. A row locked by an
     * earlier query of the same session may still be held in a state read before, hence the re-read. Pending
     * changes are flushed first, so it loses none.
     */
    default E lockFresh(E entity) {
        flush();
        getEntityManager().refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        return entity;
    }
}
