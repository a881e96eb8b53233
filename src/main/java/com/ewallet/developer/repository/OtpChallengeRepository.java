package com.ewallet.developer.repository;

import java.time.LocalDateTime;

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

    /** The newest unused passcode the account asked for from the wallet (no app) for this mobile, locked. */
    public Uni<OtpChallenge> lockLatestOpenOfUser(String mobile, long userId) {
        return find("mobile = ?1 and appId is null and userId = ?2 and consumedAt is null order by id desc", mobile,
                userId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Ends the open passcodes of this mobile for this app: a new one replaces them. */
    public Uni<Integer> consumeOpen(String mobile, long appId, LocalDateTime now) {
        return update("consumedAt = ?1 where mobile = ?2 and appId = ?3 and consumedAt is null", now, mobile, appId);
    }

    /** Ends the open passcodes the account asked for from the wallet for this mobile. */
    public Uni<Integer> consumeOpenOfUser(String mobile, long userId, LocalDateTime now) {
        return update("consumedAt = ?1 where mobile = ?2 and appId is null and userId = ?3 and consumedAt is null", now,
                mobile, userId);
    }
}
