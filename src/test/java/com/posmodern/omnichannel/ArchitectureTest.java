package com.posmodern.omnichannel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Channel-specific code stays at the edges: the canonical model and the conversation never know a
 * channel.
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

  @ArchTest
  static final ArchRule theCanonicalModelDependsOnNothingOfTheApp =
      noClasses()
          .that()
          .resideInAPackage("..canonical..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..chatbot..", "..platform..", "..sandbox..", "org.apache.camel..");
}
