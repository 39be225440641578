import SchmorlModel

/// The JSON form of every enum value of the record as a literal: its raw value quoted (with its key, where the
/// value may be `null`), so writing one is a copy, with no `String` made or read.
///
/// Each switch is exhaustive, so a new case does not compile until it has its literal; `CompactWriterTests`
/// checks every literal against the case's `rawValue`.
extension CompactExtractionWriter {
    static func sourceFormatMember(_ format: SourceFormat) -> StaticString {
        switch format {
        case .text: #","sourceFormat":"text""#
        case .cda: #","sourceFormat":"cda""#
        case .fhirXML: #","sourceFormat":"fhir-xml""#
        case .fhirJSON: #","sourceFormat":"fhir-json""#
        case .dicomSR: #","sourceFormat":"dicom-sr""#
        case .dicomNative: #","sourceFormat":"dicom-native""#
        case .openI: #","sourceFormat":"openi""#
        case .genericXML: #","sourceFormat":"xml""#
        }
    }

    static func value(_ kind: SectionKind) -> StaticString {
        switch kind {
        case .preamble: #""preamble""#
        case .history: #""history""#
        case .technique: #""technique""#
        case .comparison: #""comparison""#
        case .findings: #""findings""#
        case .impression: #""impression""#
        case .recommendation: #""recommendation""#
        case .addendum: #""addendum""#
        case .other: #""other""#
        }
    }

    static func endplateMember(_ endplate: Endplate?) -> StaticString {
        switch endplate {
        case nil: #","endplate":null"#
        case .superior: #","endplate":"superior""#
        case .inferior: #","endplate":"inferior""#
        }
    }

    static func regionMember(_ region: SpinalRegion?) -> StaticString {
        switch region {
        case nil: #","region":null"#
        case .cervical: #","region":"cervical""#
        case .thoracic: #","region":"thoracic""#
        case .lumbar: #","region":"lumbar""#
        case .sacral: #","region":"sacral""#
        case .coccygeal: #","region":"coccygeal""#
        }
    }

    static func value(_ assertion: Assertion) -> StaticString {
        switch assertion {
        case .present: #""present""#
        case .absent: #""absent""#
        case .possible: #""possible""#
        }
    }

    static func value(_ kind: AssertionCue.Kind) -> StaticString {
        switch kind {
        case .negation: #""negation""#
        case .hedge: #""hedge""#
        case .affirmation: #""affirmation""#
        case .historical: #""historical""#
        case .resolution: #""resolution""#
        case .indication: #""indication""#
        case .hypothetical: #""hypothetical""#
        }
    }

    static func comparisonMember(_ comparison: Comparison?) -> StaticString {
        switch comparison {
        case nil: #","comparison":null"#
        case .new: #","comparison":"new""#
        case .stable: #","comparison":"stable""#
        case .enlarged: #","comparison":"enlarged""#
        case .decreased: #","comparison":"decreased""#
        case .resolved: #","comparison":"resolved""#
        }
    }

    static func value(_ likelihood: SymptomaticLikelihood) -> StaticString {
        switch likelihood {
        case .likely: #""likely""#
        case .possible: #""possible""#
        case .unlikely: #""unlikely""#
        }
    }

    static func value(_ condition: DifferentialCondition) -> StaticString {
        switch condition {
        case .fracture: #""fracture""#
        case .infection: #""infection""#
        case .malignancy: #""malignancy""#
        }
    }

    static func value(_ certainty: DifferentialCertainty) -> StaticString {
        switch certainty {
        case .affirmed: #""affirmed""#
        case .hedged: #""hedged""#
        }
    }
}
