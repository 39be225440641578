import SchmorlModel

/// The static phrase tables: every cue and term the engine knows, as data.
///
/// Adding a synonym or a cue is a table edit with a test, not new control flow (../shared/DESIGN.md). Phrases are
/// written in folded form (lower case, ASCII apostrophe and hyphen); a hyphen in text between two letters reads as
/// a space, so "edema like" matches "edema-like".
enum Lexicon {
    // MARK: Spelling variants (domain.md §1.1: normalise before matching)

    static let variants: [String: String] = [
        "disk": "disc", "disks": "discs", "oedema": "edema", "oedematous": "edematous", "tumour": "tumor",
        "tumours": "tumors", "haemangioma": "hemangioma", "haemangiomas": "hemangiomas", "leukaemia": "leukemia",
        "leukaemic": "leukemic", "diskitis": "discitis", "spondylodiskitis": "spondylodiscitis",
        "favoured": "favored", "favour": "favor", "favours": "favors", "haemorrhage": "hemorrhage",
        "localised": "localized", "visualised": "visualized", "characterised": "characterized", "centre": "center",
        "schmorl": "schmorl's", "schmorls": "schmorl's", "schmorls'": "schmorl's", "schmorl'": "schmorl's",
        "vertebrae": "vertebra", "metastases": "metastasis", "metastatic": "metastasis", "mets": "metastasis",
        "fractures": "fracture", "fractured": "fracture", "fx": "fracture", "hyperintensities": "hyperintensity",
        "enhances": "enhancing", "enhance": "enhancing", "enhanced": "enhancing", "lesions": "lesion",
        "tumors": "tumor", "carcinomas": "carcinoma", "abscesses": "abscess", "defects": "defect",
        "depressions": "depression", "erosions": "erosion", "vascularised": "vascularized", "tunnelling": "tunneling",
        "oesophagus": "esophagus", "oesophageal": "esophageal", "paediatric": "pediatric", "anaemia": "anemia",
        "tumoral": "tumor",
    ]

    // MARK: Assertion cues (domain.md §6.2, rules.md §1 and §4)

    typealias Cue = (phrase: String, kind: CueKind, direction: CueDirection)

    static let cues: [Cue] = {
        var cues: [Cue] = []
        func add(_ kind: CueKind, _ direction: CueDirection, _ phrases: [String]) {
            for phrase in phrases { cues.append((phrase, kind, direction)) }
        }
        add(.negation, .forward, [
            "no", "not", "without", "with no", "negative for", "no evidence of", "no evidence for", "no signs of",
            "no sign of", "no findings of", "no findings to suggest", "no finding of", "no findings suggestive of",
            "absence of", "free of", "fails to reveal", "failed to reveal", "fails to demonstrate", "rather than",
            "nor", "neither", "never", "none of which", "none of these", "neither of which", "no definite", "no convincing", "no suspicious", "no obvious",
            "no discrete", "no appreciable", "no significant", "no acute", "no new", "no other", "none of",
            "unlikely to represent", "unlikely to be", "is unlikely to represent", "are unlikely to represent",
            "is unlikely to be", "are unlikely to be", "is not likely to represent", "is doubtful for", "not likely to represent", "doubtful", "no imaging evidence of",
            "no mri evidence of", "no radiographic evidence of", "no definitive", "denies", "no further",
            "not consistent with", "nothing to suggest", "ruled out",
        ])
        add(.negation, .backward, [
            "is absent", "are absent", "absent", "not seen", "not identified", "not present", "not demonstrated",
            "not visualized", "not visualised", "not appreciated", "not evident", "not noted", "not detected",
            "not apparent", "not found", "is negative", "are negative", "none", "ruled out", "has been ruled out",
            "have been ruled out", "is excluded", "are excluded", "has been excluded", "can be excluded",
            "is unlikely", "are unlikely", "unlikely", "is not likely", "not likely", "less likely", "is less likely",
            "are less likely", "doubtful", "is doubtful", "improbable", "not favored", "is not favored",
            "not suspected", "not seen today", "excluded", "negative", "is not seen", "are not seen",
            "was not seen", "were not seen", "is not identified", "are not identified", "is not present",
            "are not present", "is not demonstrated", "are not demonstrated", "is not evident", "is not visualized",
        ])
        add(.resolution, .backward, [
            "has resolved", "have resolved", "resolved", "is no longer seen", "are no longer seen", "no longer seen",
            "no longer visualized", "no longer identified", "no longer present", "no longer evident",
            "no longer demonstrated", "no longer apparent", "has since resolved", "is no longer visible",
            "no longer visible", "not seen on the current", "has disappeared",
        ])
        add(.resolution, .forward, ["interval resolution of", "resolution of", "resolved"])
        add(.hedge, .forward, [
            "possible", "possibly", "probable", "probably", "likely", "most likely", "more likely", "presumed",
            "presumably", "may represent", "might represent", "could represent", "may be", "might be", "could be",
            "may reflect", "could reflect", "might reflect", "suggests", "suggestive of", "suggesting",
            "suspicious for", "suspicious of", "concerning for", "worrisome for", "suspected", "suspect",
            "favor", "favors", "favored", "favoring", "questionable", "question of", "equivocal", "indeterminate",
            "cannot exclude", "can not exclude", "cannot rule out", "can not rule out", "not excluded",
            "not entirely excluded", "cannot be excluded", "differential includes", "differential diagnosis includes",
            "differential would include", "differential considerations include", "differential considerations",
            "differential diagnosis", "differential", "considerations include", "versus", "vs", "vs.",
            "apparent", "appears to represent", "appears to be", "likely represents", "likely representing",
            "probably represents", "raises the possibility of", "possibility of", "cannot be ruled out",
            "uncertain", "may", "perhaps", "potential", "potentially", "borderline",
            "query", "suspicion of", "suspicion for", "consider", "considered", "could", "might",
            "is likely", "are likely", "is probably", "is possibly", "is most likely", "is presumably",
            "?",
        ])
        add(.hedge, .backward, [
            "is suspected", "are suspected", "suspected", "cannot be excluded", "can not be excluded",
            "cannot be ruled out", "can not be ruled out", "is not excluded", "not excluded", "are not excluded",
            "not entirely excluded", "is not entirely excluded", "is questioned", "is possible", "is probable",
            "is likely", "are likely", "is favored", "is considered", "are considered", "is in the differential",
            "in the differential", "is a consideration", "remains a consideration", "not ruled out",
            "is not ruled out", "versus", "vs", "vs.", "is suggested", "are possible", "remain possible",
            "is difficult to exclude", "difficult to exclude", "not definitely excluded", "is uncertain",
            "is equivocal", "is indeterminate", "?",
        ])
        add(.pseudo, .both, [
            "no change", "no interval change", "no significant change", "no significant interval change",
            "without change", "without interval change", "without significant change", "no increase",
            "no significant increase", "no interval increase", "not only", "not necessarily", "not certain whether",
            "not certain if", "no definite change", "no appreciable change", "not significantly changed",
            "not changed", "no decrease", "no interval decrease", "not well seen", "not well visualized",
            "not well evaluated", "not been excluded", "no further change", "no substantial change",
            "age indeterminate", "of indeterminate age", "indeterminate age", "not otherwise", "no longer than",
            "not exceed", "gram negative", "no other change", "may be related", "may be seen", "can be seen",
            "likely degenerative", "most likely degenerative", "probably degenerative", "likely chronic",
            "likely related", "probably related", "no filling defect",
        ])
        add(.terminator, .both, [
            "but", "however", "although", "though", "except", "except for", "aside from", "apart from", "other than",
            "which", "whereas", "yet", "still", "nevertheless", "secondary to", "as a cause of", "as the cause of",
            "as a source of", "as the source of", "while", "although there is", "otherwise", "in addition",
            "additionally", "also", "is seen", "are seen", "is noted", "are noted", "is present", "are present", "is identified",
            "are identified", "is demonstrated", "are demonstrated",
                    ])
        add(.affirmation, .forward, [
            "consistent with", "compatible with", "in keeping with", "diagnostic of", "characteristic of",
            "represents", "representing", "definite", "definitely", "typical of", "reflecting", "reflects",
            "keeping with", "in keeping", "due to", "related to", "demonstrates", "shows", "reveals",
        ])
        add(.indication, .forward, [
            "rule out", "r/o", "ro", "to rule out", "evaluate for", "evaluation for", "eval for", "evaluate",
            "assess for", "assessment for", "to exclude", "exclude", "concern for", "query", "question", "check for", "look for", "screen for", "screening for", "investigate for", "search for",
            "please evaluate", "please assess", "to assess", "to evaluate",
        ])
        add(.hypothetical, .forward, [
            "if", "should", "would", "at risk for", "at risk of", "predispose to", "predisposes to", "in case of",
            "could exclude", "can exclude", "to exclude", "recommend", "recommended", "consider", "may help",
            "could help", "would help", "can help", "follow up", "follow-up", "further evaluation",
            "further assessment", "to further evaluate", "if clinically", "if there is", "in the event of",
        ])
        add(.hypothetical, .backward, [
            "may not be demonstrated", "may not be seen", "may not be visible", "may not be detected",
            "may be occult", "can be occult", "cannot be assessed", "not assessed", "not evaluated",
            "is not assessed", "could be missed", "may be missed", "can be missed",
        ])
        add(.history, .forward, [
            "history of", "h/o", "hx of", "known", "known history of", "prior history of", "past history of",
            "previous history of", "previously treated", "treated", "status post", "s/p", "in remission",
            "with a history of", "personal history of", "pmh", "pmh of", "past medical history of",
        ])
        add(.history, .backward, ["in remission", "previously treated"])
        return cues
    }()

    // MARK: Findings (domain.md §1.1, §3, §5; rules.md §1, §3)

    typealias Term = (phrase: String, concept: Concept)

    static let findings: [Term] = {
        var terms: [Term] = []
        func add(_ concept: Concept, _ phrases: [String]) {
            for phrase in phrases { terms.append((phrase, concept)) }
        }
        // Node names beyond the "schmorl" family, which the matcher finds with edit-distance tolerance.
        add(.nodeName, [
            "intravertebral disc herniation", "intravertebral herniation", "intravertebral disc herniations",
            "intravertebral herniations", "intraosseous disc herniation", "intraosseous herniation",
            "intraosseous disc herniations", "intraspongious disc herniation", "intraspongious herniation",
            "intraspongious discal hernia", "intraspongious discal herniae", "intraspongious herniated nucleus pulposus",
            "intravertebral herniated nucleus pulposus", "intravertebral hnp", "vertical disc herniation",
            "vertical disc prolapse", "cartilaginous node", "cartilaginous nodes", "endplate herniation",
            "endplate herniations", "end plate herniation", "endplate disc herniation", "endplate disc extrusion",
            "intravertebral disc extrusion", "intravertebral extrusion", "iodh", "intraosseous disc extrusion",
            "herniation into the vertebral body", "herniated into the vertebral body", "herniation of disc material into the vertebral body",
            "disc material herniating into the vertebral body", "disc herniation into the vertebral body",
            "intravertebral disc protrusion", "intraosseous disc protrusion",
        ])
        add(.nodeNoun(plural: false), ["node", "nodule", "nod"])
        add(.nodeNoun(plural: true), ["nodes", "nodules"])
        add(.edema, [
            "edema", "edematous", "marrow edema", "bone marrow edema", "edema like", "edema like signal",
            "stir hyperintensity", "stir hyperintense", "t2 hyperintensity", "t2 hyperintense", "t2 signal hyperintensity",
            "t2/stir hyperintensity", "t2/stir hyperintense", "stir signal", "stir hyper intense", "t2 hyper intense",
            "hyper intense signal", "stir hyper intensity", "t2 hyper intensity", "increased stir signal",
            "increased t2 signal", "high t2 signal", "high stir signal", "bright on stir", "bright on t2",
            "hyperintense on stir", "hyperintense on t2", "hyperintense on fluid sensitive", "fluid sensitive hyperintensity",
            "t1 hypointense t2 hyperintense", "low t1 and high t2", "low t1 high t2", "t1 hypointense and t2 hyperintense",
            "modic type 1", "modic type i", "modic 1", "modic i", "type 1 modic", "type i modic", "modic type one",
            "type 1 endplate", "type i endplate", "type 1 degenerative", "type i degenerative", "mc1",
            "marrow hyperintensity", "signal hyperintensity", "hyperintense signal", "hyperintense marrow",
            "hyperintense marrow signal", "edema ring", "oedematous rim", "edematous rim", "bone bruise",
            "bone contusion", "reactive edema", "inflammatory change", "inflammatory changes", "marrow oedema",
            "fluid signal", "edema pattern", "t2 signal abnormality", "stir signal abnormality", "t2 signal change",
            "stir signal change", "normal marrow signal", "marrow signal is normal", "normal on stir", "normal stir signal",
            "marrow is normal", "surrounding marrow is normal", "normal in signal", "normal marrow", "marrow edema pattern", "stress reaction",
        ])
        add(.enhancement, [
            "enhancement", "enhancing", "enhances", "rim enhancement", "peripheral enhancement", "ring enhancement",
            "ring like enhancement", "marginal enhancement", "vascularized", "vascularised", "avid enhancement",
            "contrast enhancement", "post contrast enhancement", "postcontrast enhancement", "non enhancing",
            "nonenhancing", "enhance",
        ])
        add(.endplateDisruption, [
            "defect", "endplate defect", "cortical defect", "disruption", "disrupted", "disrupting", "breach",
            "breached", "breaching", "break", "broken", "discontinuity", "erosion", "eroded", "erosive", "eroding",
            "depression", "depressed", "indentation", "invagination", "invaginating", "endplate fracture",
            "endplate fractures", "through the endplate", "through the end plate", "loss of the endplate",
            "cortical break", "cortical breach", "destruction", "destroyed",
            "endplate intact", "intact endplate", "intact endplates", "endplates are intact", "endplate is intact",
            "endplates intact", "endplate is preserved", "endplates are preserved", "endplate preserved",
        ])
        add(.posteriorExtension, [
            "posterior extension", "extends posteriorly", "extending posteriorly", "extended posteriorly",
            "extension posteriorly", "posteriorly extending", "tunneling", "tunnelling", "tunnel",
            "into the spinal canal", "into the canal", "into the neural foramen", "into the foramen",
            "into the epidural space", "into the ventral epidural space", "into the lateral recess",
            "into the subarticular recess", "through the posterior cortex", "breaks through the posterior cortex",
            "through the posterior vertebral cortex", "posterior cortical breach", "extension into the canal",
            "extension into the spinal canal", "extension into the epidural space", "retropulsed disc material",
            "extends into the canal", "extends into the spinal canal", "extends into the epidural space",
            "confined to the vertebral body", "no extension into the canal",
        ])
        add(.rootContact, [
            "nerve root", "nerve roots", "impinging", "impinges", "impingement", "contacting", "contacts",
            "compressing", "compresses", "compression of the", "displacing", "displaces", "effacement",
            "effacing", "effaces", "abutting", "abuts", "thecal sac", "cauda equina", "neural impingement",
        ])
        add(.scleroticRim, [
            "sclerotic rim", "sclerotic margin", "sclerotic margins", "sclerotic border", "sclerotic borders",
            "sclerotic rind", "sclerotic rims", "rim of sclerosis", "margin of sclerosis", "marginal sclerosis",
            "surrounding sclerosis", "peripheral sclerosis", "well corticated", "corticated", "corticated margin",
            "corticated margins", "sclerotic", "sclerosis", "low signal rim", "hypointense rim",
        ])
        add(.large, ["large", "giant", "huge", "sizable", "sizeable", "big", "larger than usual", "enormous"])
        add(.comparison(.new), [
            "new", "new since", "newly", "interval development", "interval appearance", "interval development of",
            "not present on the prior", "not seen on the prior", "not present previously", "newly developed",
            "newly apparent", "developed since",
        ])
        add(.comparison(.enlarged), [
            "enlarged", "enlarging", "increased in size", "interval increase", "increase in size", "larger",
            "progressed", "progression", "grown", "has grown", "increasing in size", "interval enlargement",
        ])
        add(.comparison(.stable), [
            "again seen", "again noted", "again demonstrated", "again identified", "again visualized",
            "redemonstrated", "re demonstrated", "redemonstration", "unchanged", "stable", "no change",
            "no interval change", "no significant change", "no significant interval change", "persistent",
            "previously described", "previously noted", "previously seen", "previously demonstrated",
            "previously identified", "similar to prior", "similar in appearance", "not significantly changed",
            "without interval change", "without change", "similar", "as before", "known",
        ])
        add(.comparison(.decreased), [
            "decreased", "smaller", "decrease in size", "decreased in size", "interval decrease", "improving",
            "improved", "resolving", "regressed", "regressing", "less conspicuous", "diminished",
        ])
        add(.comparison(.resolved), [
            "resolved", "has resolved", "no longer seen", "no longer visualized", "no longer identified",
            "interval resolution", "no longer present", "no longer evident", "no longer visible",
        ])
        add(.painLink, [
            "pain generator", "source of pain", "source of the patient's pain", "cause of pain",
            "cause of the patient's pain", "account for the patient's pain", "account for the patient's symptoms",
            "account for pain", "account for symptoms", "explain the patient's pain", "explain the patient's symptoms",
            "explain the pain", "explain symptoms", "correlate clinically", "clinical correlation",
            "correlate with symptoms", "correlate with the patient's symptoms", "correlate with point tenderness",
            "symptomatic", "painful", "contribute to the patient's pain", "contributing to the patient's pain",
            "contributing to pain", "contribute to pain", "responsible for the patient's", "responsible for pain",
            "at the level of pain", "at the level of the patient's pain", "at the site of pain",
            "corresponds to the site of pain", "corresponding to the patient's pain", "tenderness",
            "site of tenderness", "account for", "accounts for", "explain the patient's", "explains the patient's",
            "the patient's back pain", "the patient's pain", "the patient's symptoms", "the patient's acute",
            "symptomatic level", "pain at this level", "pain at that level",
        ])
        // Differentials (rules.md §3).
        add(.differential(.fracture), [
            "fracture", "compression deformity", "compression deformities", "height loss", "loss of height",
            "loss of vertebral body height", "loss of vertebral height", "vertebral body height loss", "wedging",
            "wedge deformity", "wedge compression", "wedge shaped", "fracture line", "fracture lines",
            "retropulsion", "retropulsed", "burst", "insufficiency fracture", "collapse", "collapsed",
            "vertebra plana", "compression fracture", "endplate fracture", "pathologic fracture",
            "pathological fracture", "fracture deformity", "intravertebral cleft", "vacuum cleft", "kummell",
        ])
        add(.differential(.infection), [
            "discitis", "osteomyelitis", "spondylodiscitis", "discitis osteomyelitis", "discitis/osteomyelitis",
            "spondylitis", "septic facet", "septic arthritis", "epidural abscess", "paraspinal abscess",
            "psoas abscess", "prevertebral abscess", "abscess", "phlegmon", "epidural phlegmon",
            "disc enhancement", "enhancement of the disc", "enhancing disc", "infection", "infectious",
            "pyogenic", "tuberculous", "tuberculosis", "pott", "pott's", "septic", "empyema",
            "fluid signal disc", "fluid signal within the disc", "fluid signal in the disc",
        ])
        add(.differential(.malignancy), [
            "metastasis", "metastatic disease", "myeloma", "multiple myeloma", "plasmacytoma", "lymphoma",
            "leukemia", "leukemic", "leukemic infiltration", "neoplasm", "neoplastic", "tumor", "malignancy",
            "malignant", "cancer", "carcinoma", "sarcoma", "melanoma", "marrow replacement", "marrow replacing",
            "marrow infiltration", "infiltrative", "infiltrative lesion", "pathologic fracture",
            "pathological fracture", "suspicious lesion", "suspicious lesions", "suspicious mass", "mass",
            "lytic lesion", "lytic lesions", "blastic lesion", "blastic lesions", "osteolytic", "osteoblastic",
            "sclerotic metastasis", "lytic", "blastic", "adenocarcinoma", "glioma", "chordoma", "myelomatous",
            "oncologic", "neoplasia", "soft tissue mass", "epidural mass", "paraspinal mass", "lung mass",
        ])
        add(.notDifferential, [
            "mass effect", "body mass", "muscle mass", "bone mass", "mass index", "disc height loss",
            "loss of disc height", "disc space height loss", "loss of disc space height", "disc space collapse",
            "disc collapse", "loss of height of the disc", "loss of intervertebral disc height",
            "physiological wedging", "physiologic wedging", "normal wedging", "mild physiologic wedging",
            "ankylosing spondylitis", "myelomalacia", "disc height", "disc space narrowing", "collapse of the disc",
            "mild anterior wedging of t", "wedging is physiologic", "lytic spondylolisthesis", "spondylolysis",
            "lytic defect", "pars defect", "benign", "hemangioma", "disc bulge", "fluid signal intensity",
            "infectious disease",
        ])
        add(.competingFinding, [
            "bulge", "bulging", "disc bulge", "protrusion", "protrusions", "extrusion", "extrusions",
            "herniated disc", "disc herniation", "disc herniations", "disc protrusion", "disc extrusion",
            "osteophyte", "osteophytes", "osteophytic", "spur", "spurs", "stenosis", "narrowing", "facet",
            "facets", "facet arthropathy", "ligamentum flavum", "annular fissure", "annular tear", "hemangioma",
            "hemangiomas", "cyst", "synovial cyst", "spondylolisthesis", "listhesis", "cord", "conus",
            "fracture", "compression deformity", "modic", "fat", "fatty", "bone island", "enostosis",
            "limbus", "limbus vertebra", "desiccation", "degeneration", "complex", "disc osteophyte complex",
            "uncovertebral", "hypertrophy", "epidural lipomatosis", "lipoma", "effusion", "muscle", "muscles",
            "kidney", "kidneys", "lesion", "mass", "collection", "abscess", "discitis", "osteomyelitis",
            "spondylodiscitis", "disc enhancement", "phlegmon",
        ])
        return terms
    }()

    // MARK: Context words (domain.md §2, §3.4, §5)

    static let context: [Term] = {
        var terms: [Term] = []
        func add(_ concept: Concept, _ phrases: [String]) {
            for phrase in phrases { terms.append((phrase, concept)) }
        }
        add(.multipleQuantifier, [
            "multiple", "several", "scattered", "numerous", "multilevel", "multi level", "innumerable", "few",
            "a few", "various", "diffuse", "at multiple levels", "throughout", "multifocal", "many", "two",
            "three", "four", "five", "some", "additional", "other", "various levels", "several levels",
        ])
        add(.direction(.superior), [
            "superior", "upper", "cranial", "cephalad", "top", "sup", "posterosuperior", "anterosuperior",
            "superoposterior", "superoanterior", "rostral", "cephalic", "superiorly",
        ])
        add(.direction(.inferior), [
            "inferior", "lower", "caudal", "bottom", "inf", "posteroinferior", "anteroinferior", "inferoposterior",
            "inferoanterior", "inferiorly",
        ])
        add(.endplateWord(plural: false), ["endplate", "end plate", "vertebral endplate", "plate"])
        add(.endplateWord(plural: true), ["endplates", "end plates", "vertebral endplates", "plates"])
        add(.bothEndplates, [
            "both endplates", "opposing endplates", "adjacent endplates", "kissing", "both sides of the disc",
            "either side of the disc", "both the superior and inferior", "superior and inferior endplates",
            "inferior and superior endplates", "both the inferior", "both adjacent endplates", "opposite endplates",
            "mirror image", "facing endplates", "contiguous endplates",
        ])
        add(.region(.cervical), ["cervical", "cervical spine", "cervicothoracic"])
        add(.region(.thoracic), ["thoracic", "thoracic spine", "dorsal", "dorsal spine", "thoracolumbar", "mid thoracic", "lower thoracic", "upper thoracic"])
        add(.region(.lumbar), ["lumbar", "lumbar spine", "lumbosacral", "upper lumbar", "lower lumbar"])
        add(.region(.sacral), ["sacral", "sacrum"])
        add(.referBack, [
            "it", "its", "this", "these", "this node", "the node", "the nodes", "these nodes", "this lesion",
            "the lesion", "the defect", "this defect", "surrounding", "adjacent", "associated", "around",
            "about", "perilesional", "peri lesional", "circumferential", "the herniated material",
            "the herniation", "this finding", "the finding", "they", "them", "which", "there is surrounding",
            "peripheral", "rim", "ring", "the schmorl's node", "the above",
        ])
        add(.sequenceWord, [
            "weighted", "w", "wi", "signal", "hyperintense", "hypointense", "isointense", "hyperintensity",
            "hypointensity", "images", "image", "imaging", "sequence", "sequences", "fs", "fat", "flair",
            "stir", "post", "pre", "contrast", "bright", "dark", "high", "low", "intermediate", "mapping",
            "relaxation", "shortening", "prolongation", "hyper", "hypo", "sagittal", "axial", "coronal",
        ])
        return terms
    }()

    /// Site words that decide whether a fracture or infection is of the spine (rules.md §3).
    static let sites: [Term] = {
        var terms: [Term] = []
        func add(_ concept: Concept, _ phrases: [String]) {
            for phrase in phrases { terms.append((phrase, concept)) }
        }
        add(.nonSpinalSite, [
            "rib", "ribs", "sternum", "sternal", "sternotomy", "clavicle", "clavicular", "scapula", "scapular",
            "hip", "hips", "femur", "femoral", "femoral neck", "pelvis", "pelvic", "iliac", "ilium", "pubic",
            "pubis", "ischium", "ischial", "acetabulum", "acetabular", "humerus", "humeral", "wrist", "ankle",
            "foot", "feet", "toe", "toes", "tibia", "tibial", "fibula", "fibular", "radius", "radial", "ulna",
            "skull", "facial", "nasal", "orbital", "mandible", "hand", "finger", "elbow", "knee", "shoulder",
            "pacemaker",
            "lung", "lungs", "pulmonary", "liver", "hepatic", "renal", "kidney", "spleen", "splenic", "brain",
            "dental", "tooth", "skin", "breast", "urinary", "bladder", "uti", "pneumonia", "chest", "abdominal",
            "abdomen", "pelvic abscess", "perianal", "hardware failure", "calcaneus", "metatarsal", "sacroiliac",
        ])
        add(.hardware, [
            "wire", "wires", "screw", "screws", "rod", "rods", "hardware", "lead", "leads", "cage", "plate",
            "instrumentation", "prosthesis", "implant", "stimulator", "sternotomy wires", "pedicle screw",
            "pedicle screws", "interbody cage",
        ])
        add(.spinalSite, [
            "vertebra", "vertebral", "vertebral body", "spine", "spinal", "sacrum", "sacral", "coccyx", "coccygeal",
            "spinous", "transverse process", "pedicle", "pedicles", "pars", "lamina", "endplate", "endplates",
            "disc", "discs", "epidural", "paraspinal", "psoas", "prevertebral", "facet", "odontoid", "dens",
        ])
        return terms
    }()

    /// Section headers (domain.md §6.1).
    static let sectionHeaders: [(phrase: String, kind: SectionKind)] = [
        ("clinical history", .history), ("history", .history), ("indication", .history), ("indications", .history),
        ("reason for exam", .history), ("reason for examination", .history), ("reason for study", .history),
        ("clinical information", .history), ("clinical details", .history), ("clinical question", .history),
        ("clinical indication", .history), ("hx", .history), ("clinical data", .history), ("clinical", .history),
        ("clinical notes", .history), ("history and indication", .history), ("reason for referral", .history),
        ("clinical history/indication", .history), ("presenting complaint", .history), ("symptoms", .history),
        ("technique", .technique), ("procedure", .technique), ("protocol", .technique), ("sequences", .technique),
        ("contrast", .technique), ("mri technique", .technique), ("imaging technique", .technique),
        ("technique and findings", .findings), ("comparison", .comparison), ("comparisons", .comparison),
        ("prior", .comparison), ("priors", .comparison), ("prior studies", .comparison), ("prior study", .comparison),
        ("compared with", .comparison), ("comparison study", .comparison), ("comparison studies", .comparison),
        ("findings", .findings), ("finding", .findings), ("report", .findings), ("description", .findings),
        ("observations", .findings), ("mri findings", .findings), ("mr findings", .findings),
        ("impression", .impression), ("impressions", .impression), ("conclusion", .impression),
        ("conclusions", .impression), ("summary", .impression), ("opinion", .impression), ("diagnosis", .impression),
        ("assessment", .impression), ("interpretation", .impression), ("comment", .impression),
        ("comments", .impression), ("recommendation", .recommendation), ("recommendations", .recommendation),
        ("addendum", .addendum), ("addenda", .addendum), ("critical result", .other), ("critical results", .other),
        ("communication", .other), ("attestation", .other), ("exam", .preamble), ("examination", .preamble),
        ("study", .preamble), ("mri", .preamble), ("procedure performed", .preamble), ("imp", .impression),
        ("exam type", .preamble), ("examination type", .preamble),
    ]

    /// Qualities a hedge can bear without hedging existence: "a Schmorl's node, possibly acute" is present
    /// (rules.md §1).
    static let qualities: [String] = [
        "acute", "subacute", "chronic", "recent", "old", "remote", "early", "healing", "healed", "degenerative",
        "benign", "incidental", "symptomatic", "active", "inflammatory", "reactive", "related", "postoperative",
        "traumatic", "congenital", "developmental", "physiologic", "physiological",
    ]

    /// Ordinal words for "fourth lumbar vertebra" (domain.md §2.2).
    static let ordinals: [String] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth",
    ]

    /// Words a node's location phrase may contain (domain.md §2.2): the scan for a node's level stops at any
    /// other word, so a level belonging to the next finding is not taken.
    static let locationWords: [String] = [
        "at", "in", "of", "on", "involving", "along", "within", "from", "to", "through", "thru", "the", "a", "an",
        "and", "or", "level", "levels", "vertebra", "vertebral", "body", "bodies", "endplate", "endplates",
        "end", "plate", "plates", "both", "spine", "aspect", "aspects", "portion", "anterior", "posterior",
        "central", "centrally", "mid", "middle", "left", "right", "side", "margin", "seen", "noted", "is", "are",
        "was", "were", "present", "identified", "demonstrated", "there", "small", "tiny", "minimal", "mild",
        "subtle", "again", "also", "segment", "segments", "disc", "space", "interspace", "with", "each",
        "respectively", "levels", "paracentral", "third", "superior", "inferior", "upper", "lower", "cranial",
        "caudal", "sup", "inf", "posteroinferior", "posterosuperior", "anterosuperior", "anteroinferior",
        "cephalad", "bottom", "top", "involve", "involves", "affecting", "affects", "visualized", "located",
        "situated", "site", "sites", "region", "lumbar", "thoracic", "cervical", "sacral", "thoracolumbar",
        "lumbosacral", "dorsal", "junction", "corner", "opposing", "adjacent", "kissing", "including", "especially",
        "particularly", "most", "notably", "prominent", "largest", "up", "as", "well", "below", "above",
        "respectively", "multiple", "several", "few", "scattered", "numerous", "new", "old", "chronic",
        "arising", "originating", "type", "like", "irregularity", "deformity", "defect", "formation",
        "stable", "unchanged", "previously", "described", "known", "ones", "one", "two", "three", "four",
    ]

    /// Abbreviations whose full stop does not end a sentence (units such as "mm." do end one: "measuring 8 mm.").
    static let abbreviations: [String] = [
        "dr", "e.g", "i.e", "eg", "ie", "vs", "approx", "mr", "mrs", "ms", "st", "fig", "cf", "pt", "incl", "resp",
        "prof", "dept", "viz", "al", "sr", "jr",
    ]
}
