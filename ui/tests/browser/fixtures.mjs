// Fixtures for the browser tests, made through the app's own commands on the bridge (the same
// dispatch the Tauri shell runs): what the core refuses cannot be seeded.

export const ZONE = "America/Chicago";
const DAY = 86_400_000;

/** Calls one command on the bridge; rejects with the IPC error as the window would get it. */
export async function ipc(bridgeUrl, command, args = {}) {
  const r = await fetch(new URL(`ipc/${command}`, bridgeUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args) });
  const body = await r.json();
  if ("err" in body) throw Object.assign(new Error(`${command}: ${JSON.stringify(body.err)}`), { body: body.err });
  return body.ok;
}

/**
 * A locked vault with a few weeks of plausible entries: 14 cravings, 7 HALT check-ins, 3 urge-surfing
 * runs, three evening groups a week from the clinic (past ones attended, one week missed), two
 * contacts and a relapse-prevention plan.
 */
export async function seedJournal(bridgeUrl, passphrase, now = new Date()) {
  const call = (command, args) => ipc(bridgeUrl, command, args);
  const stamp = (d) => ({ utc: d.toISOString(), zone: ZONE });
  const at = (daysAgo, hour) => {
    const d = new Date(now.getTime() - daysAgo * DAY);
    d.setHours(hour, 15, 0, 0);
    // Never in the future: what a test saves now is always the newest entry.
    if (d > now) d.setTime(now.getTime() - 3_600_000);
    return stamp(d);
  };
  // 23 days before today in the program's zone (the core counts days there): today is day 24.
  const programStart = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date(now.getTime() - 23 * DAY));
  await call("vault_create", { passphrase, programStart, zone: ZONE });
  const save = (record) => call("record_save", { record });
  const tags = ["Stress at work", "Payday", "Old friends", "Evenings alone", "Arguments"];
  const needs = [["tired"], ["lonely", "tired"], [], ["angry"], ["tired"]];
  for (let i = 0; i < 14; i++) {
    await save({
      type: "craving",
      occurredAt: at(i * 1.5, 18 + (i % 4)),
      intensity: Math.max(1, 8 - Math.floor(i / 2) + (i % 3)),
      triggers: [...needs[i % 5].map((need) => ({ kind: "halt", need })), { kind: "tag", label: tags[i % 5] }],
      situation: i % 2 ? "After a long shift" : null,
      thoughtsAndFeelings: null,
      durationMinutes: 10 + i * 2,
      coping: i % 3 ? "Went for a walk" : "Called my sponsor",
      outcome: i === 9 ? "used" : i === 0 ? "notYetRecorded" : "didNotUse",
      notes: null,
    });
  }
  for (let i = 0; i < 7; i++) {
    await save({ type: "halt", takenAt: at(i, 20), hungry: i % 3 === 0 ? 2 : 0, angry: i === 2 ? 3 : 0, lonely: i % 2 ? 2 : 1, tired: i < 5 ? 3 : 1, note: null });
  }
  for (let i = 0; i < 3; i++) {
    const s = at(i * 3 + 1, 21);
    const last = 1080 + i * 240;
    await save({
      type: "urge",
      startedAt: s,
      endedAt: stamp(new Date(new Date(s.utc).getTime() + last * 1000)),
      variant: i === 1 ? "sober" : "wave",
      intensityStart: 7,
      intensityPeak: 8,
      intensityEnd: 2 + i,
      samples: [
        { offsetSeconds: 0, intensity: 7 },
        { offsetSeconds: 240, intensity: 8 },
        { offsetSeconds: 500, intensity: 6 },
        { offsetSeconds: 800, intensity: 4 },
        { offsetSeconds: last, intensity: 2 + i },
      ],
      stepsCompleted: i === 1 ? ["stop", "observe", "breathe", "expandAwareness", "respondMindfully"] : ["noticeAndName", "observeBody", "breathe", "rideTheWave", "noticeItFall"],
      outcome: "rodeItOut",
      notes: null,
    });
  }
  for (let d = -20; d <= 9; d++) {
    const date = new Date(now.getTime() + d * DAY);
    const wd = date.getDay();
    if (wd !== 1 && wd !== 3 && wd !== 5) continue;
    date.setHours(18, 0, 0, 0);
    const end = new Date(date.getTime() + 3 * 3_600_000);
    const past = end < now;
    await save({
      type: "session",
      title: "Evening group",
      start: stamp(date),
      end: stamp(end),
      kind: "group",
      venue: { kind: "inPerson", place: "Riverside Clinic, room 2" },
      status: past ? (d === -6 || d === -7 || d === -5 ? "noshow" : "fulfilled") : "booked",
      response: past ? "accepted" : d < 4 ? "accepted" : "needs-action",
      origin: { kind: "clinic", clinicId: `appt-${d + 100}` },
      cancelReason: null,
      attendance: null,
      selfReport: null,
    });
  }
  const sam = await save({ type: "contact", name: "Sam", role: "sponsor", phone: "+1 555 0100", canText: true, notes: null });
  await save({ type: "contact", name: "Dr. Ortiz", role: "counselor", phone: "+1 555 0199", canText: false, notes: "Weekdays 9 to 5" });
  await save({
    type: "plan",
    triggers: [
      { source: { kind: "external" }, description: "Payday", copingStep: "Ask my partner to hold my card for the weekend" },
      { source: { kind: "halt", need: "tired" }, description: "Worn out after work", copingStep: "Eat, then rest for 20 minutes" },
    ],
    warningSigns: ["Skipping meals", "Not answering texts"],
    contactIds: [sam.id],
    placesToAvoid: ["The bar on 5th Street"],
    alternativeActivities: ["Walk by the river", "Play guitar"],
    meetings: [{ name: "Community meeting", when: "Tuesdays 7 pm", place: "Community center" }],
    afterALapse: ["Call Sam", "Tell my counselor at the next session", "Go back to my plan: one lapse does not undo my progress"],
    lastReviewed: null,
  });
  await call("vault_lock");
}
