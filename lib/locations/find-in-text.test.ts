import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TextLocationFinder } from "./find-in-text";
import { toTreeNodes } from "./resolve";
import { parseLocationTree } from "./tree";

const nodes = toTreeNodes(parseLocationTree(readFileSync(path.resolve("seeds/location-tree.csv"), "utf8")));
const finder = new TextLocationFinder(nodes);

function place(title: string, description = "") {
  const found = finder.find({ title, description });
  return found && found.node.path;
}

// Real-looking cases, most from the text ads in shared/data/adzuna/text-ads and the CSV sample.
describe("TextLocationFinder: a Location line comes first", () => {
  it("reads the value up to the next label, even glued to it", () => {
    const found = finder.find({
      title: "GRADUATE SALES EXECUTIVE / GRADUATE ACCOUNT MANAGER",
      description: "GRADUATE SALES EXECUTIVE / GRADUATE ACCOUNT MANAGERSector: Sports ApparelLocation: SheffieldSalary: **** basic salary OTE ****",
    });
    expect(found).toMatchObject({ foundIn: "location line", node: { path: "UK~Yorkshire And The Humber~South Yorkshire~Sheffield" } });
    expect(found!.evidence).toMatch(/^Location: Sheffield/);
  });

  it("takes spaced colons, leftover <br>s and a county after the town", () => {
    expect(place("Sales Manager", "Role details Location : Shoreditch Salary : ****")).toBe("UK~London~East London~Shoreditch");
    expect(place("RGN Staff Nurse", "Position: Staff Nurse brLocation: Selby brSalary: **** per hour")).toMatch(/~North Yorkshire~Selby$/);
    expect(place("Product Specialist", "Location: Bracknell, Berkshire Salary: ****k Benefits")).toBe("UK~South East England~Berkshire~Bracknell");
  });

  it("gives the common area of several places, and prefers the line to a place named later", () => {
    expect(place("Solicitor", "Location: Bradford / Leeds Personal Injury Solicitor required, based in London")).toBe("UK~Yorkshire And The Humber~West Yorkshire");
  });
});

describe("TextLocationFinder: then the title", () => {
  it.each([
    ["Account Director – Oxford", "UK~South East England~Oxfordshire~Oxford"],
    ["Deputy Nurse Manager  Kettering  **** Per Hour  Kettering", "UK~East Midlands~Northamptonshire~Kettering"],
    ["Support Worker Job Tunbridge Wells", "UK~South East England~Kent~Tunbridge Wells"],
    ["Optometrists Jobs in Lancaster", "UK~North West England~Lancashire~Lancaster"],
    ["Recruitment Consultant  WestonSuperMare  WestonSuperMare", "UK~South West England~North Somerset~Weston-Super-Mare"],
    ["Support Worker Job AshtonunderLyne", "UK~North West England~Greater Manchester~Ashton-Under-Lyne"],
    ["Home Manager Leeds ****K", "UK~Yorkshire And The Humber~West Yorkshire~Leeds"],
    ["Sales Executive, Reading", "UK~South East England~Berkshire~Reading"],
  ])("%s", (title, expected) => {
    expect(finder.find({ title, description: "Apply now." })).toMatchObject({ foundIn: "title", node: { path: expected } });
  });
});

describe("TextLocationFinder: then the description", () => {
  it("takes a place right after the title it repeats, or after 'based in', 'in', 'near'", () => {
    expect(place("Stress Engineer", "Stress Engineer Glasgow Salary **** to **** We re currently looking")).toBe("UK~Scotland~Glasgow");
    expect(place("Treasury Analyst", "A global technology organisation based in the Berkshire area. The Treasury")).toBe("UK~South East England~Berkshire");
    expect(place("Team Manager", "to join their growing team in Colchester. As Team Manager you")).toBe("UK~Eastern England~Essex~Colchester");
    expect(place("Sales Executive", "The role is based in the City centre of Glasgow with")).toBe("UK~Scotland~Glasgow");
  });

  it("refines a county to a town named inside it", () => {
    expect(place("Stores Manager  Manufacturing  South Yorkshire", "a leading manufacturing company based in Rotherham.")).toBe(
      "UK~Yorkshire And The Humber~South Yorkshire~Rotherham",
    );
  });
});

describe("TextLocationFinder: refusals", () => {
  it("does not take everyday words for places", () => {
    expect(place("Bathroom Fitter", "Reading the market well, you will design bathrooms. Street team work. Wells and pumps.")).toBeNull();
    expect(place("Street Team Promoter", "Field based role with a Bank.")).toBeNull();
    expect(place("Care Assistant", "Great rates. Over time you will grow. Send your CV.")).toBeNull();
  });

  it("does not guess between same-named places, unless the ad says which", () => {
    expect(place("Care Assistant  Richmond", "Apply now.")).toBeNull();
    expect(place("Care Assistant  Richmond", "Our home in Richmond, North Yorkshire is growing.")).toMatch(/~North Yorkshire~Richmond$/);
    expect(place("Cook  Newport", "A lovely home in Newport, Isle of Wight.")).toMatch(/~Isle Of Wight~Newport$/);
  });

  it("takes a town over a hamlet of the same name", () => {
    expect(place("Credit Controller  Cambridge")).toBe("UK~Eastern England~Cambridgeshire~Cambridge");
  });

  it("ignores organisations and buildings named after places, and places abroad", () => {
    expect(place("Home Care Assistant Jobs", "Home Care Assistant Jobs Westminster Homecare are looking for carers")).toBeNull();
    expect(place("Senior Support Worker", "SENIOR SUPPORT WORKER SHAFTESBURY COURT")).toBeNull();
    expect(place("Engineer", "The company has established offices in Houston and Dallas.")).toBeNull();
    expect(place("BDM", "Formed around a decade ago in Ireland they utilise advanced")).toBeNull();
  });

  it("names nothing when the ad names nowhere", () => {
    expect(finder.find({ title: "Management Accountant", description: "An excellent opportunity for a qualified accountant." })).toBeNull();
  });
});
