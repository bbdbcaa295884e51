package com.posmodern.omnichannel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Channel-specific code stays at the edges (the canonical model and the conversation never know a
 * channel, and nothing outside a channel's package knows its classes), no two packages depend on
 * each other, the sandbox is known only to the wiring, and nothing depends on the wiring.
 */
@AnalyzeClasses(
    packages = "com.posmodern.omnichannel",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule canonicalAndChatbotDoNotImportChannels =
      noClasses()
          .that()
          .resideInAnyPackage("..canonical..", "..chatbot..", "..marketing..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..omnichannel.channel..", "com.twilio..");

  @ArchTest
  static final ArchRule channelsDoNotImportEachOther =
      noClasses()
          .that()
          .resideInAnyPackage("..channel.whatsapp..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..channel.meta..", "..channel.messenger..", "..channel.instagram..");

  /** Adding a channel touches only its own package (and its registration): any channel.*. */
  @ArchTest
  static final ArchRule onlyAChannelsOwnPackageKnowsIt =
      noClasses()
          .that()
          .resideOutsideOfPackage("..omnichannel.channel..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..omnichannel.channel.*..");

  @ArchTest
  static final ArchRule theCanonicalModelDependsOnNothingOfTheApp =
      noClasses()
          .that()
          .resideInAPackage("..canonical..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..chatbot..", "..platform..", "..sandbox..", "org.apache.camel..");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("com.posmodern.omnichannel.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheWiringKnowsTheSandbox =
      noClasses()
          .that()
          .resideOutsideOfPackages("..omnichannel.sandbox..", "..omnichannel.platform.config..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..omnichannel.sandbox..");

  @ArchTest
  static final ArchRule nothingDependsOnTheWiring =
      noClasses()
          .that()
          .resideOutsideOfPackage("..omnichannel.platform.config..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..omnichannel.platform.config..");
}
