package com.ewallet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.ewallet.common.fixture.ReachesUp;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The shape of the code (docs/architecture.md): feature packages import in one direction only, services never see REST
 * types, and SQL runs on the reactive pool only inside repositories.
 */
class PackageDependencyTest {

    /** Lowest first: a package may use the ones before it, never one after it. */
    static final List<String> ORDER = List.of("common", "user", "auth", "wallet", "bills", "registration", "developer",
            "web");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.ewallet");

    @Test
    void everyClassLivesInAFeaturePackage() {
        assertThat(MAIN).isNotEmpty();
        classes().should().resideInAnyPackage(ORDER.stream().map(p -> "com.ewallet." + p + "..").toArray(String[]::new))
                .check(MAIN);
    }

    @Test
    void featurePackagesImportOnlyThePackagesBelowThem() {
        for (int i = 0; i < ORDER.size() - 1; i++) {
            upwardImports(ORDER.get(i)).check(MAIN);
        }
    }

    @Test
    void servicesAndRepositoriesNeverUseRestTypes() {
        noClasses().that().resideInAnyPackage("..service..", "..repository..").should().dependOnClassesThat()
                .resideInAPackage("com.ewallet..rest..").check(MAIN);
    }

    @Test
    void sqlRunsOnTheReactivePoolOnlyInRepositories() {
        noClasses().that().resideOutsideOfPackage("..repository..").and().doNotHaveSimpleName("StartupSchemaCheck")
                .should().callMethodWhere(sqlStatement()).check(MAIN);
    }

    @Test
    void theDirectionRuleCatchesAnUpwardImport() {
        // Negative control: a class of common (test sources) that uses a wallet type must fail the rule.
        JavaClasses violating = new ClassFileImporter().importClasses(ReachesUp.class);
        assertThatThrownBy(() -> upwardImports("common").check(violating)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.ewallet.wallet.MoneyMove");
    }

    private static ArchRule upwardImports(String lower) {
        String[] higher = ORDER.subList(ORDER.indexOf(lower) + 1, ORDER.size()).stream()
                .map(p -> "com.ewallet." + p + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("com.ewallet." + lower + "..").should().dependOnClassesThat()
                .resideInAnyPackage(higher).because("packages import in one direction: " + String.join(" < ", ORDER));
    }

    private static DescribedPredicate<JavaMethodCall> sqlStatement() {
        Set<String> statements = Set.of("query", "preparedQuery");
        return DescribedPredicate.describe("a SQL statement on the reactive pool",
                call -> statements.contains(call.getName()) && call.getTargetOwner().isAssignableTo(SqlClient.class));
    }
}
