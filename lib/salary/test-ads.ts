// Synthetic ads for the salary model's tests: a known salary structure (role, seniority, London,
// part-time) with multiplicative noise, so a test can say what the model should have learnt.
import type { TrainingRow } from "./train";
import { seededRandom } from "./random";

const ROLES = [
  ["Care Assistant", 16_000],
  ["Staff Nurse", 26_000],
  ["Software Developer", 40_000],
  ["Chef de Partie", 20_000],
  ["Finance Manager", 50_000],
  ["Warehouse Operative", 17_000],
] as const;
const PLACES = [
  "UK~London~East London~Mile End",
  "UK~London~Central London~The City",
  "UK~North West England~Greater Manchester~Manchester",
  "UK~Scotland~Glasgow",
  "UK~South West England~Devon~Exeter",
];
const FILLER = "Our client is looking for an experienced person to join a friendly team. Apply today with your CV.";

export function syntheticAds(n: number, seed: number, noise = 0.1): TrainingRow[] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: n }, (_, i) => {
    const [role, base] = ROLES[Math.floor(random() * ROLES.length)];
    const senior = random() < 0.3;
    const place = PLACES[Math.floor(random() * PLACES.length)];
    const partTime = random() < 0.2;
    let salary = base * (senior ? 1.4 : 1) * (place.includes("London") ? 1.25 : 1) * (partTime ? 0.8 : 1);
    salary *= Math.exp(noise * gauss());
    const title = `${senior ? "Senior " : ""}${role}`;
    return {
      title,
      description: `${title} required. ${FILLER} Ref ${i}.`,
      category: role.includes("Nurse") || role.includes("Care") ? "Healthcare & Nursing Jobs" : "Other/General Jobs",
      contractType: partTime ? "part_time" : "full_time",
      contractTime: "permanent",
      source: "example.co.uk",
      company: null,
      locationPath: place,
      salary: Math.round(salary),
    };
  });
}
