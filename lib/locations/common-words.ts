// Place names in the UK tree that are also everyday English words ("Reading", "Bath", "Street",
// "Bank", "Field", "Over"...): the 483 one-word node names whose lower-case form is an entry of
// Debian's British English word list (wbritish 2020.12.07). In running text such a word is far more
// often the word than the place, so the text finder takes one only in a place's position (a
// "Location:" line, a title segment, "based in ...") and only when it names a town or bigger.
export const COMMON_WORD_PLACE_NAMES: ReadonlySet<string> = new Set(
  `
  abridge acres advent amble anchor angel angle archway arrow ascot ash ashen babel back badger badminton
  bale balk bank banks barking barley barnacle barney barnyards barrow bath battle battlefield baulking beach
  beacon bean beds beech beer bents bicker birch blackness blackthorn blunts bobbing bold bole boot booze
  borders borough boundary bow bower bowling box bray bride bridge bridges broker brook brooking brooks broom
  bucks bugle bulk bulwark bun bunny burn burrow bury busby bush buttons cabin callow cam camber came candy
  canton cardigan cargo carry castor caw chapel chapels cheddar chequers chimney chipping church city clatter
  clay clench cliff cloy coast coat cocking cocks combs commons cooling coronation cote cotes cotton cove
  coven cowling crank cray crick crook cross crossroads crossways crouch crow crummy cults dale davenport
  deal dean deans demesne dent derby diss docking dollar droop druid drum dunning duns dyke eagle eaves edge
  elm eye falls farewell farm felling fence fern field fife filching firs fleet flint floodgates flush
  flushing fobbing ford forest forge forth fountains foxhole foxholes foyers freshwater furnace garlands
  garrison glass glen goring grange greens greet grimmer grove guide hackney hale hales halfway hallow ham
  harden harrow hart hassocks hatch hawthorn headlands healing heap heath heather heaves heck heights
  hermitage highland hill hillside hints hive hoe homer honing hook hope horsey hose hove hull idle inches
  intake islands jersey jump juniper jury knock knocks knotting lack lake lamas lancing lane law lea
  leavening lee leek lees legacy letter letters limber loans locking lode lodge loggerheads login loose loth
  lover lye madden magpie maidenhead maidens maker manger manor march mark marsh marten martin matching
  maudlin maypole mere messing midtown midway minions minster minting moat monument moor moorland moray more
  moss mount mountain mull mullion mumbles nasty neath newbie newton oaken ogle old outcast over oxford
  paddock paisley pant par park parks parkway parley patching peel pennant pica piece pill pilling pinged
  plains plumber plush point poles poling pool poplar porcupine ports pothole press prospect pulley quarry
  quarter quay quoit racks raglan rake raw reach read reading reddish reed reef retire revel ridge ring ripe
  ripple rise river rock rode rookery rose rosebush row rugby rye sale saline salt sand sandal sandbank
  sandwich sandy sawmills scales scone sea seal seething selling send settle sharpness sheen sheering shelf
  shell shelve shop shore signet singleton slack sling slough smithies snapper soar sough sound staffs
  staining stair stand stank staple star steel steep steeple stein sticker stock stoke stone stow strand
  street strode sully summerhouse summit sunset surrey swallow sway swine tandem tarring temple tempo tents
  thorn timberland tiptoe tong tongue tooting tore tote touch tough toward trench triangle trinity trumpet
  tumble turves twenty upend uphill uplands vale valley van vogue wales walker wall wallop walls warden ware
  warren water waterfall waterside week well welling wellington wells westward whale whetstone whimsey
  whiteness wick wilts windmill wing woodland woodlands wool worth wrangle yell yelling
`
    .trim()
    .split(/\s+/),
);
