//! Unit tests of the segmenter on the furniture of wire and web news copy: bylines, "Updated"
//! lines, datelines, photo credits, bulleted facts, clock times with time zones, dashes set
//! with a no-break space or a horizontal bar, party-state tags and ellipses in quotations.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod segment_support;
use segment_support::split;

#[test]
fn byline_and_updated_lines_are_sentences_of_their_own() {
    assert_eq!(
        split(
            "By Jane Roe and Tom Ray, Associated Press\n\
             Updated 5:42 p.m. ET Tuesday, March 3, 2026\n\n\
             WASHINGTON (AP) \u{2014} The Senate voted 52-48 on Tuesday. Democrats objected."
        ),
        [
            "By Jane Roe and Tom Ray, Associated Press",
            "Updated 5:42 p.m. ET Tuesday, March 3, 2026",
            "WASHINGTON (AP) \u{2014} The Senate voted 52-48 on Tuesday.",
            "Democrats objected."
        ]
    );
    assert_eq!(
        split("Last updated at 5:42 p.m.\nThe mayor said the bridge would reopen."),
        [
            "Last updated at 5:42 p.m.",
            "The mayor said the bridge would reopen."
        ]
    );
}

#[test]
fn time_zone_after_a_clock_time_ends_a_sentence() {
    // PT, MT and EST are also abbreviations (pt, mt, est); after a clock time they are zones
    for (text, first, second) in [
        (
            "The crash happened at 11:30 p.m. PT. Police closed the road.",
            "The crash happened at 11:30 p.m. PT.",
            "Police closed the road.",
        ),
        (
            "The meeting starts at 6:30 p.m. MT. Residents may speak.",
            "The meeting starts at 6:30 p.m. MT.",
            "Residents may speak.",
        ),
        (
            "The vote is at 3 p.m. EST. Lawmakers expect to pass it.",
            "The vote is at 3 p.m. EST.",
            "Lawmakers expect to pass it.",
        ),
        (
            "Trading resumed at 14:00 GMT. Shares rose.",
            "Trading resumed at 14:00 GMT.",
            "Shares rose.",
        ),
    ] {
        assert_eq!(split(text), [first, second], "{text}");
    }
    // the zone goes on with the sentence; the abbreviations keep their meaning elsewhere
    for text in [
        "Polls close at 8 p.m. ET Tuesday in most states.",
        "The park at Pt. Reyes draws hikers.",
        "The lodge sits on Mt. Hood and draws skiers.",
        "Acme Corp. (est. 1892) makes anvils.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn dash_with_a_no_break_space_or_a_horizontal_bar_before_the_next_word() {
    // after an abbreviation the next word decides; a no-break space or a horizontal bar
    // between the stop and that word changes nothing
    for dash in [
        " \u{2014} ",
        " \u{2014}\u{a0}",
        " \u{2015} ",
        "\u{a0}\u{2015}\u{a0}",
    ] {
        let text = format!("The talks were held in the U.S.{dash}They ended late.");
        assert_eq!(
            split(&text),
            [
                "The talks were held in the U.S.".to_string(),
                format!(
                    "{}They ended late.",
                    dash.trim_start_matches([' ', '\u{a0}'])
                )
            ],
            "{text:?}"
        );
        let text = format!("The talks were held in the U.S.{dash}Army bases nearby.");
        assert_eq!(split(&text), [text.as_str()], "{text:?}");
    }
}

#[test]
fn horizontal_bar_signs_a_quotation() {
    assert_eq!(
        split("\u{201c}We lost. We will try again.\u{201d} \u{2015} Jane Roe"),
        ["\u{201c}We lost. We will try again.\u{201d} \u{2015} Jane Roe"]
    );
}

#[test]
fn party_state_tag_after_a_comma_closes_the_name() {
    // AP style sets the tag off with commas when the sentence goes on ("Rubio, R-Fla., said"),
    // so a capital after "R-Fla." with no comma starts a new sentence, as after "Tulsa, Okla."
    assert_eq!(
        split("The bill was backed by Sen. Rick Dole, R-Fla. Officials expect a vote."),
        [
            "The bill was backed by Sen. Rick Dole, R-Fla.",
            "Officials expect a vote."
        ]
    );
    assert_eq!(
        split("\u{201c}Is this the end?\u{201d} asked Sen. Amy Cole, D-Minn. \u{201c}I hope not.\u{201d}"),
        [
            "\u{201c}Is this the end?\u{201d} asked Sen. Amy Cole, D-Minn.",
            "\u{201c}I hope not.\u{201d}"
        ]
    );
    for text in [
        "Gov. Tom Ray, R-Texas, signed the bill.",
        "Sen. Rick Dole, R-Fla., and Rep. Ann Lee, D-N.Y., wrote the letter.",
        "Sen. Rick Dole (R-Fla.) Officials in his office declined to comment.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn photo_credits_and_bulleted_facts() {
    assert_eq!(
        split(
            "(Photo: John Smith/Reuters)\n\nPhoto by Jane Doe/The Daily Star\n\n\
             Key facts:\n\u{2022} The bridge carries 40,000 cars a day.\n\
             \u{2022} Repairs cost $4.5 million.\n\u{2022} Work began Jan. 12."
        ),
        [
            "(Photo: John Smith/Reuters)",
            "Photo by Jane Doe/The Daily Star",
            "Key facts:",
            "\u{2022} The bridge carries 40,000 cars a day.",
            "\u{2022} Repairs cost $4.5 million.",
            "\u{2022} Work began Jan. 12."
        ]
    );
}

#[test]
fn ellipses_in_quotations() {
    assert_eq!(
        split("\u{201c}I don\u{2019}t know\u{2026} maybe,\u{201d} Smith said. \u{201c}We\u{2019}ll see...\u{201d} He paused."),
        [
            "\u{201c}I don\u{2019}t know\u{2026} maybe,\u{201d} Smith said.",
            "\u{201c}We\u{2019}ll see...\u{201d}",
            "He paused."
        ]
    );
    assert_eq!(
        split("\"This is . . . unprecedented,\" she said. \"We tried everything...\" she said."),
        [
            "\"This is . . . unprecedented,\" she said.",
            "\"We tried everything...\" she said."
        ]
    );
}

#[test]
fn datelines_and_tag_lines() {
    assert_eq!(
        split("LONDON, March 3 (Reuters) - Britain\u{2019}s economy grew 0.3% in January. Sterling rose."),
        [
            "LONDON, March 3 (Reuters) - Britain\u{2019}s economy grew 0.3% in January.",
            "Sterling rose."
        ]
    );
    assert_eq!(
        split("AUSTIN, Texas \u{2014} The storm hit at dawn. Thousands lost power.\n\n\u{2014} Jane Roe contributed reporting from Boston."),
        [
            "AUSTIN, Texas \u{2014} The storm hit at dawn.",
            "Thousands lost power.",
            "\u{2014} Jane Roe contributed reporting from Boston."
        ]
    );
    assert_eq!(
        split("Reporting by Tom Ray; Editing by Ann Lee\n\nCopyright 2026 The Associated Press. All rights reserved."),
        [
            "Reporting by Tom Ray; Editing by Ann Lee",
            "Copyright 2026 The Associated Press.",
            "All rights reserved."
        ]
    );
}

#[test]
fn dateline_place_in_capitals_goes_on_after_the_dash() {
    for text in [
        "WASHINGTON, D.C. \u{2014} The agency said Monday it would appeal.",
        "RENO, Nev. \u{2014} The county board met on Monday.",
        "ST. LOUIS, Mo. -- The team fired its coach.",
        "SAN JUAN, P.R. (AP) \u{2014} The power came back overnight.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
    // not a dateline: prose before the place, or no dash
    assert_eq!(
        split("The talks were held in Washington, D.C. \u{2014} They ended late."),
        [
            "The talks were held in Washington, D.C.",
            "\u{2014} They ended late."
        ]
    );
    assert_eq!(
        split("He moved to RENO, Nev. The county was growing."),
        ["He moved to RENO, Nev.", "The county was growing."]
    );
}

#[test]
fn unit_after_a_number_ends_a_sentence_before_a_capital() {
    assert_eq!(
        split("The index fell 2.3 pct. Bonds rallied."),
        ["The index fell 2.3 pct.", "Bonds rallied."]
    );
    assert_eq!(
        split("The storm moved at 40 mph. Forecasters expect it to slow."),
        [
            "The storm moved at 40 mph.",
            "Forecasters expect it to slow."
        ]
    );
    for text in [
        "Output rose 4 pct. in March.",
        "The hike covers 12 km. of trail.",
        "Sales were up sharply, by 12 pct. or more, analysts said.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn no_before_the_pronoun_i_ends_a_sentence() {
    assert_eq!(
        split("Q: Will you run? A: No. I'm done."),
        ["Q: Will you run?", "A: No.", "I'm done."]
    );
    assert_eq!(
        split("\"Did you see it?\" \"No. I don't think so.\""),
        ["\"Did you see it?\"", "\"No.", "I don't think so.\""]
    );
    // Roman numerals still follow
    for text in [
        "The report is in Vol. II of the series.",
        "See Vol. I, Part 2 for the tables.",
        "He was ranked No. IV in the state.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn a_letter_after_an_apostrophe_or_slash_ends_a_word() {
    // "didn't." and "km/s." end in a word, not in a letter or an initial
    for (text, first, second) in [
        (
            "Asked whether he would resign, he said he wouldn't. Aides agreed.",
            "Asked whether he would resign, he said he wouldn't.",
            "Aides agreed.",
        ),
        (
            "\"We tried, but they didn't. So we left,\" she said.",
            "\"We tried, but they didn't.",
            "So we left,\" she said.",
        ),
        (
            "The probe passed at 11 km/s. Engineers cheered.",
            "The probe passed at 11 km/s.",
            "Engineers cheered.",
        ),
    ] {
        assert_eq!(split(text), [first, second], "{text}");
    }
    for text in [
        "He praised 'J. K. Rowling' for the gift.",
        "The award went to 'A. J. Smith' of Leeds.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn words_that_are_also_abbreviations_before_a_number() {
    // long, pop, est, max: abbreviations only before a number
    assert_eq!(
        split("The strike went on for so long. Unions blamed the board."),
        [
            "The strike went on for so long.",
            "Unions blamed the board."
        ]
    );
    for text in [
        "The town (pop. 5,000) voted to merge.",
        "Acme Corp. (est. 1892) makes anvils.",
        "The bridge takes trucks of max. 40 tons.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn month_and_weekday_abbreviations_go_on_only_before_a_date() {
    assert_eq!(
        split("The star is twice the mass of the Sun. Astronomers found it in May."),
        [
            "The star is twice the mass of the Sun.",
            "Astronomers found it in May."
        ]
    );
    for text in [
        "Work began Jan. 12 and ends in June.",
        "The fair opens Fri. Oct. 5 in Reno.",
        "The vote is set for Tue. night.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn rates_and_temperature_scales_are_units() {
    for (text, first, second) in [
        (
            "The plant builds 30,000 trucks a yr. Output is rising.",
            "The plant builds 30,000 trucks a yr.",
            "Output is rising.",
        ),
        (
            "Wages rose to $21 per hr. Workers had asked for more.",
            "Wages rose to $21 per hr.",
            "Workers had asked for more.",
        ),
        (
            "The heat reached 104 degrees F. Forecasters expect relief.",
            "The heat reached 104 degrees F.",
            "Forecasters expect relief.",
        ),
    ] {
        assert_eq!(split(text), [first, second], "{text}");
    }
    for text in [
        "The plant builds 30,000 trucks a yr. on average.",
        "Sen. Robert F. Kennedy spoke first.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}

#[test]
fn a_parenthesis_of_words_after_a_stop_is_a_sentence() {
    assert_eq!(
        split("Guards will run drug checks. (The scanners are already used abroad)."),
        [
            "Guards will run drug checks.",
            "(The scanners are already used abroad)."
        ]
    );
    // a citation names a page or a year
    assert_eq!(
        split("He called it \"a ladder.\" (Smith 55). Critics disagree."),
        [
            "He called it \"a ladder.\" (Smith 55).",
            "Critics disagree."
        ]
    );
}

#[test]
fn a_spaced_closing_mark_stays_with_its_sentence() {
    assert_eq!(
        split("He wrote: \"I offered to quit and he said, 'Let's talk tomorrow.'\u{2009}\"\nThe two met later."),
        [
            "He wrote: \"I offered to quit and he said, 'Let's talk tomorrow.'\u{2009}\"",
            "The two met later."
        ]
    );
    assert_eq!(
        split("\"Bring the troops home. Let the talks go on. \"\nOfficials agreed."),
        [
            "\"Bring the troops home.",
            "Let the talks go on. \"",
            "Officials agreed."
        ]
    );
}

#[test]
fn an_omission_mark_goes_with_the_sentence_before() {
    assert_eq!(
        split("\"We have to dock first. [...] We passed the riskiest part.\""),
        [
            "\"We have to dock first. [...]",
            "We passed the riskiest part.\""
        ]
    );
    assert_eq!(
        split("Jones finished second. \"[\u{2026}] I knew the record would fall,\" she said."),
        [
            "Jones finished second.",
            "\"[\u{2026}] I knew the record would fall,\" she said."
        ]
    );
    // before a lower-case word the quotation goes on after the omission
    assert_eq!(
        split("\"I got no work. [...] to come back was a gift,\" he said."),
        [
            "\"I got no work.",
            "[...] to come back was a gift,\" he said."
        ]
    );
}

#[test]
fn a_capital_letter_is_an_initial_even_where_the_small_one_is_an_abbreviation() {
    // "p." is a page before a number; "P." is an initial
    for text in [
        "She won the Leroy P. Steele Prize in 2000.",
        "The quote is on p. 55 of the report.",
    ] {
        assert_eq!(split(text), [text], "{text}");
    }
}
