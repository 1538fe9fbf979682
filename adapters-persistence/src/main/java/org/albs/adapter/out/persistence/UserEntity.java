package org.albs.adapter.out.persistence;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "users")
class UserEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String username;
    String email;
    @Column(name = "hashed_password")
    String hashedPassword;
    @Column(name = "is_active")
    boolean active;
    @Column(name = "is_verified")
    boolean verified;
    @Column(name = "is_superuser")
    boolean superuser;
    @Column(name = "github_id")
    Long githubId;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "updated_at")
    LocalDateTime updatedAt;
}
