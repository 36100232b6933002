import CaseJSON

/// Small fictional DCF documents that the rule fixtures mutate one way at a time.
enum DCFFixtures {
  /// A valid FirstHearingDCF: not-guilty pleas, a domestic-violence marker, conditional bail,
  /// a charge, recovered and unrecovered property, multimedia evidence, a victim, a civilian
  /// witness and the officer in the case as a witness.
  static let firstHearingText = #"""
    {
      "schema_version": "1.2.2",
      "case": {
        "pti_urn": "01XX0000126",
        "type": "FirstHearingDCF",
        "version": 1,
        "case_markers": ["DomesticViolence"],
        "brief_description_of_case": "Fictional case: an assault at a house in Llanfair-ym-Muallt (tŷ, ŵyn, â).",
        "defendants": [
          {
            "defendant_id": "D1",
            "name": {"type": "PersonName", "surname": "Sample", "given_name": ["Alex", "Rhys"]},
            "date_of_birth": "1990-03-15",
            "arrest": {"type": "Arrest", "date_time": "2026-01-10T22:15Z"},
            "cc_not_suitable_reasons": ["offence_not_admitted"],
            "offences": [
              {
                "type": "AssaultOffences",
                "assault_offences": [
                  {
                    "type": "AssaultOffence",
                    "cjs_offence_code": "cj88116",
                    "offence": {
                      "type": "Offence",
                      "from_date": "2026-01-10",
                      "to_date": "2026-01-10",
                      "charge_date": "2026-01-11",
                      "offence_title": "Assault by beating",
                      "charge_wording": "Fictional charge wording.",
                      "points_to_prove_met_by": "Victim statement and injuries.",
                      "demeanour_at_incident": "Agitated.",
                      "anticipated_plea": "not_guilty",
                      "committed_on_bail": false,
                      "children_present": true,
                      "ages_of_children": ["7"]
                    },
                    "victim_name": {"type": "PersonName", "surname": "Example", "given_name": ["Jordan"]}
                  }
                ]
              },
              {
                "type": "GenericOffences",
                "generic_offences": [
                  {
                    "type": "GenericOffence",
                    "cjs_offence_code": "th68001",
                    "offence": {
                      "type": "Offence",
                      "from_date": "2026-01-09",
                      "to_date": "2026-01-10",
                      "charge_date": "2026-01-11",
                      "offence_title": "Theft",
                      "charge_wording": "Fictional theft wording.",
                      "points_to_prove_met_by": "Recovered property.",
                      "demeanour_at_incident": "Calm.",
                      "anticipated_plea": "not_guilty",
                      "committed_on_bail": false,
                      "children_present": false,
                      "ages_of_children": []
                    },
                    "property_ids": [1, 2],
                    "victim_names": [{"type": "PersonName", "surname": "Example", "given_name": ["Jordan"]}]
                  }
                ]
              }
            ],
            "occupation": "Fictional occupation",
            "class_a_drug_test_provided": "provided_negative",
            "class_a_drug_test_details": "Negative result.",
            "accepts_drugs_result": true,
            "has_eec_passports": false,
            "foreign_national_offender": false,
            "breach_of_order": false,
            "pnc_check_performed": true,
            "pnc_convictions": false,
            "court_order_applications": [{"court_order_title": "restraining_order", "reason_for_request": "Protect the victim."}],
            "interpreter_required": false,
            "multimedia_evidence_response": [
              {"type": "MmeRecordedResponse", "id": "M1", "defendant_shown": false, "reasons_if_not_shown": "Declined.", "is_defendant_believed_to_be_in_the_mme": true, "how_is_identification_established": "Officer recognition."}
            ],
            "notice_to_provide_bad_character_evidence": true,
            "bad_character_details": "Previous similar conduct.",
            "dealt_with_in_welsh": true,
            "person_remand_status": "conditional_bail",
            "given_charges": true,
            "initiation_type": "charge",
            "signed_charge_sheet": true,
            "bail_conditions_provided": true,
            "signed_for_bail": true,
            "bail_conditions": [{"condition": "Not to contact the victim.", "grounds": ["interfering_with_witnesses_or_otherwise_obstructing_the_course_of_justice"]}],
            "interview": {
              "type": "StandardInterview",
              "date": "2026-01-11T09:30Z",
              "defendant_legally_represented": true,
              "legally_represented_by": {"type": "PersonName", "surname": "Counsel", "given_name": ["Robin"]},
              "legal_representative_firm": "Fictional Solicitors",
              "special_warnings_given": false,
              "no_comment_response": false,
              "admissions_made": "Admits being present.",
              "denials": "Denies striking anyone."
            },
            "domestic_violence": [
              {"type": "DomesticViolence", "victim_name": {"type": "PersonName", "surname": "Example", "given_name": ["Jordan"]}, "relationship_description": "Former partner.", "length_of_relationship": 3}
            ],
            "first_hearing_datetime": "2026-02-02T10:00Z",
            "first_hearing_location": {"ou_top_level_name": "Wales", "ou_second_level_name": "Dyfed Powys", "ou_third_level_name": "Powys", "ou_bottom_level_name": "Llandrindod Wells Magistrates' Court"}
          }
        ],
        "witnesses": [
          {
            "type": "PersonVictim",
            "name": {"type": "PersonName", "surname": "Example", "given_name": ["Jordan"]},
            "date_of_birth": "1992-07-01",
            "visually_recorded_interview": false,
            "victim": {
              "witness_type": ["eye"],
              "witness": {"witness_id": "V1", "nature_of_involvement": "Victim.", "evidence_they_can_give": "What happened.", "special_measures": true, "interpreter_required": true, "interpreter_language_or_dialect": "Welsh"},
              "victim_code_requirements_met": true,
              "has_the_victim_made_a_vps_isb": true,
              "victim_wish_to_attend_court": "yes_victim_to_read",
              "is_retraction_statement": false,
              "compensation_applications": [
                {"defendant_names": [{"type": "PersonName", "surname": "Sample", "given_name": ["Alex", "Rhys"]}], "reasons_for_application": ["personal_injury", "other_expenses"], "details_of_expenses": "Taxi to hospital.", "amount_compensation_requested": 40, "is_estimate": false}
              ]
            },
            "injuries": [
              {"names_of_defendants_causing_injuries": [{"type": "PersonName", "surname": "Sample", "given_name": ["Alex", "Rhys"]}], "description_of_injuries": "Bruising.", "images_taken": true, "image_description": "Photos of bruising.", "received_medical_treatment": false, "injuries_visible": true}
            ]
          },
          {
            "type": "StatementWitness",
            "name": {"type": "PersonName", "surname": "Witness", "given_name": ["Sam"]},
            "witness_type": ["eye"],
            "witness": {"witness_id": "W1", "nature_of_involvement": "Neighbour.", "evidence_they_can_give": "Heard shouting.", "wish_to_use_video_link": false},
            "reason_dob_not_provided": "Declined to give it.",
            "visually_recorded_interview": false
          },
          {
            "type": "StatementWitness",
            "name": {"type": "OfficerName", "surname": "Officer", "given_name": ["Penny"], "rank": "PC", "collar_number": "1234"},
            "witness_type": ["arresting_officer", "police"],
            "witness": {"witness_id": "W2", "nature_of_involvement": "Arresting officer.", "evidence_they_can_give": "Arrest."},
            "date_of_birth": "1985-05-05",
            "visually_recorded_interview": false
          }
        ],
        "likely_case_progression": "either_way_and_likely_to_remain_in_the_magistrates_court",
        "multimedia_evidence": [
          {"id": "M1", "date": "2026-01-10", "type": "bwv", "evidential_value": true, "relied_upon_trial": true, "relied_upon_sentence": false, "description_of_what_is_contained_in_multimedia_evidence": "Body-worn video of the arrest.", "total_duration": "00:12", "url": "https://example.invalid/bwv/1"}
        ],
        "expert_evidence": false,
        "test_code": "full_code_test",
        "pca_cps": false,
        "property": [
          {"property_id": 1, "property_action": "stolen_recovered", "description": "A phone.", "value": 120, "recovered_from": "Defendant's pocket."},
          {"property_id": 2, "property_action": "stolen_not_recovered", "description": "A wallet.", "value": 15}
        ],
        "officer_in_the_case": {"type": "OfficerName", "surname": "Officer", "given_name": ["Penny"], "rank": "PC", "collar_number": "1234"},
        "signatory_name": {"type": "OfficerName", "surname": "Sergeant", "given_name": ["Morgan"], "rank": "PS", "collar_number": "5678"},
        "date": "2026-01-12"
      }
    }
    """#

  /// A valid BobDCF with a letter suffix on its URN.
  static let breachOfBailText = #"""
    {
      "schema_version": "1.2.2",
      "case": {
        "pti_urn": "01XX0000226-AB",
        "type": "BobDCF",
        "version": 1,
        "brief_description_of_case": "Fictional breach of a curfew condition.",
        "defendants": [
          {
            "defendant_id": "D1",
            "name": {"type": "PersonName", "surname": "Sample", "given_name": ["Casey"]},
            "date_of_birth": "1988-11-30",
            "arrest": {"type": "Arrest", "date_time": "2026-03-01T23:40Z"},
            "occupation": "Fictional occupation",
            "foreign_national_offender": false,
            "remand_application": {"substantial_grounds": [{"opposition_ground": "breach_of_bail", "justification": "Breached curfew twice."}]},
            "breach_of_bail": {
              "breach_details": "Not at home during curfew.",
              "witness_statement_establishes_breach": true,
              "key_evidence": "Officer statement.",
              "existing_bail_breached": {
                "original_charge_wording": ["Fictional original wording."],
                "bailed_from": {"ou_top_level_name": "A", "ou_second_level_name": "B", "ou_third_level_name": "C", "ou_bottom_level_name": "Fictional Magistrates' Court"},
                "bailed_date": "2026-02-01",
                "to_appear_at": {"ou_top_level_name": "A", "ou_second_level_name": "B", "ou_third_level_name": "C", "ou_bottom_level_name": "Fictional Magistrates' Court"},
                "datetime_to_appear": "2026-03-20T10:00Z",
                "list_of_conditions": [{"condition": "Curfew 20:00 to 06:00."}]
              }
            },
            "pnc_check_performed": false,
            "interpreter_required": false,
            "dealt_with_in_welsh": false,
            "person_remand_status": "custody",
            "interview": {"type": "NotInterviewed", "reason": "Breach of bail is not an offence."},
            "first_hearing_datetime": "2026-03-02T10:00Z",
            "first_hearing_location": {"ou_top_level_name": "A", "ou_second_level_name": "B", "ou_third_level_name": "C", "ou_bottom_level_name": "Fictional Magistrates' Court"}
          }
        ],
        "witnesses": [
          {
            "type": "StatementWitness",
            "name": {"type": "OfficerName", "surname": "Constable", "given_name": ["Lee"], "rank": "PC", "collar_number": "4321"},
            "witness_type": ["police"],
            "witness": {"witness_id": "W1", "nature_of_involvement": "Curfew check.", "evidence_they_can_give": "Defendant absent."},
            "visually_recorded_interview": false,
            "reason_dob_not_provided": "Police witness."
          }
        ],
        "officer_in_the_case": {"type": "OfficerName", "surname": "Constable", "given_name": ["Lee"], "rank": "PC", "collar_number": "4321"},
        "signatory_name": {"type": "OfficerName", "surname": "Constable", "given_name": ["Lee"], "rank": "PC", "collar_number": "4321"},
        "date": "2026-03-02"
      }
    }
    """#

  /// The first-hearing fixture, parsed.
  static func firstHearing() throws -> JSONValue { try DCFTestSupport.parse(firstHearingText) }

  /// The breach-of-bail fixture, parsed.
  static func breachOfBail() throws -> JSONValue { try DCFTestSupport.parse(breachOfBailText) }
}
