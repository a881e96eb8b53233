package com.ewallet.wallet.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.BankTransfer;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class BankTransferRepository implements PanacheRepository<BankTransfer> {
}
