package com.ewallet.developer.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.ewallet.developer.OtpChallenge;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class OtpChallengeRepository implements PanacheRepository<OtpChallenge> {

    /** The newest unused passcode of this mobile for this app, locked: tries are counted one at a time. */
    public Uni<OtpChallenge> lockLatestOpen(String mobile, long appId) {
        return find("mobile = ?1 and appId = ?2 and consumedAt is null order by id desc", mobile, appId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
