"""Validate FHIR JSON files with fhir.resources (R4B models) and check codes against BRIEF.md section 4.

Usage: fhir_validate.py DIR   (every *.json file in DIR; Bundles are checked entry by entry too)
fhir.resources validates structure and types but not value sets, so the status codes are checked here.
"""
import json
import pathlib
import sys

from fhir.resources.R4B import get_fhir_model_class

APPOINTMENT_STATUS = {"proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow",
                      "entered-in-error", "checked-in", "waitlist"}
PARTICIPATION_STATUS = {"accepted", "declined", "tentative", "needs-action"}
CONSENT_STATUS = {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
RESPONSE_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
EPISODE_STATUS = {"planned", "waitlist", "active", "onhold", "finished", "cancelled", "entered-in-error"}


def check_codes(resource, where):
    kind = resource.get("resourceType")
    problems = []
    if kind == "Appointment":
        if resource.get("status") not in APPOINTMENT_STATUS:
            problems.append(f"{where}: Appointment.status {resource.get('status')!r}")
        for participant in resource.get("participant", []):
            if participant.get("status") not in PARTICIPATION_STATUS:
                problems.append(f"{where}: participant.status {participant.get('status')!r}")
    if kind == "AppointmentResponse" and resource.get("participantStatus") not in PARTICIPATION_STATUS:
        problems.append(f"{where}: participantStatus {resource.get('participantStatus')!r}")
    if kind == "Consent" and resource.get("status") not in CONSENT_STATUS:
        problems.append(f"{where}: Consent.status {resource.get('status')!r}")
    if kind == "QuestionnaireResponse" and resource.get("status") not in RESPONSE_STATUS:
        problems.append(f"{where}: QuestionnaireResponse.status {resource.get('status')!r}")
    if kind == "EpisodeOfCare" and resource.get("status") not in EPISODE_STATUS:
        problems.append(f"{where}: EpisodeOfCare.status {resource.get('status')!r}")
    if kind == "Bundle":
        for index, entry in enumerate(resource.get("entry", [])):
            if "resource" in entry:  # a transaction-response's entries carry only a response
                problems += check_codes(entry["resource"], f"{where} entry {index}")
    return problems


def main():
    directory = pathlib.Path(sys.argv[1])
    failures = []
    count = 0
    for path in sorted(directory.glob("*.json")):
        resource = json.loads(path.read_text())
        try:
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
            if resource["resourceType"] == "Bundle":
                for entry in (e for e in resource.get("entry", []) if "resource" in e):
                    get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
        except Exception as error:  # report every file, not only the first
            failures.append(f"{path.name}: {error}")
            continue
        failures += check_codes(resource, path.name)
        count += 1
    for failure in failures:
        print(failure)
    print(f"{count} valid, {len(failures)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
