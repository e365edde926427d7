/**
 * Character sets for the text rules: common traditional characters (with their simplified
 * forms, never characters that simplified text also uses), and the GB2312 hanzi, built from
 * the platform's own GB18030 decoder (no data file): a character outside it in a Chinese
 * government text is rare enough to be looked at.
 */
const TRADITIONAL_PAIRS =
  '業业職职會会務务國国點点開开關关區区費费與与為为計计劃划個个們们來来時时對对說说這这經经發发過过還还進进當当體体電电實实現现動动長长門门問问間间應应學学價价員员單单處处總总機机構构設设決决預预撥拨險险醫医療疗養养衛卫項项額额稅税財财歲岁數数據据條条負负責责貨货購购買买賣卖貸贷資资產产營营運运輸输車车專专導导傳传請请護护農农樹树氣气環环報报紙纸黨党廣广廠厂歷历礎础庫库檢检驗验證证書书圖图態态邊边萬万億亿積积種种穩稳級级組组織织結结給给統统絡络網网線线續续維维綜综緊紧編编練练縣县聯联腦脑華华蘭兰藥药號号裝装補补規规視视親亲覽览觀观訂订認认討讨記记許许論论訪访評评試试詢询該该語语誤误調调談谈講讲謝谢識识議议讓让貝贝貢贡質质販贩貴贵賀贺賓宾賠赔賬账賦赋賴赖贊赞趨趋躍跃軍军軟软較较載载輔辅輕轻輛辆輯辑辦办連连遞递遠远適适選选遺遗郵邮鄉乡鄰邻釋释針针銀银鋼钢錄录錢钱錯错鍵键鐵铁鑒鉴閱阅闆板隊队陽阳陰阴際际隨随隱隐雜杂雙双雞鸡離离難难霧雾靜静響响頁页頂顶順顺須须領领頻频題题顏颜願愿類类顧顾顯显風风飛飞飯饭飲饮餘余館馆驅驱髮发鬥斗魚鱼鳥鸟鹽盐麥麦黃黄齊齐齒齿龍龙兩两內内冊册劑剂勞劳勢势勵励協协卻却廳厅參参變变叢丛啟启喪丧嚴严團团園园圍围圓圆場场塊块塵尘壓压壞坏壯壮壽寿夢梦奪夺奮奋婦妇寧宁審审寫写寬宽寶宝將将尋寻屬属嶺岭幣币帥帅師师帳帐帶带幫帮廢废彈弹彙汇徑径從从復复恆恒惡恶愛爱慣惯慶庆憂忧憑凭憲宪戰战戶户拋抛揮挥損损搖摇擁拥擇择擊击擔担擴扩擺摆擾扰攝摄敵敌斷断暫暂曆历東东標标棄弃樂乐樓楼樣样橋桥檔档權权歡欢歸归殘残殺杀殼壳毀毁沒没況况溝沟準准溫温滅灭滿满漁渔漢汉潔洁濟济濕湿災灾無无煙烟熱热燈灯爭争牆墙獨独獲获獎奖畫画疊叠盡尽監监盤盘眾众礙碍禮礼稱称窮穷競竞筆笔節节範范築筑簡简糧粮紀纪約约紅红純纯細细終终紹绍綠绿緒绪績绩繼继罰罚羅罗義义習习聖圣聞闻聲声聽听肅肃脫脱腳脚興兴舉举舊旧葉叶蓋盖蘇苏蟲虫術术衝冲見见覺觉觸触訊讯訓训詞词譯译豐丰';

export const TRADITIONAL = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) TRADITIONAL.set(TRADITIONAL_PAIRS[i]!, TRADITIONAL_PAIRS[i + 1]!);

let gb2312: Set<string> | undefined;

/** The 6,763 hanzi of GB2312 (rows 16–87). */
export function gb2312Hanzi(): Set<string> {
  if (gb2312) return gb2312;
  // Every two-byte code of the rows, decoded at once (each pair stands alone in GB18030).
  const bytes = new Uint8Array((0xf7 - 0xb0 + 1) * (0xfe - 0xa1 + 1) * 2);
  let k = 0;
  for (let b1 = 0xb0; b1 <= 0xf7; b1++) {
    for (let b2 = 0xa1; b2 <= 0xfe; b2++) {
      bytes[k++] = b1;
      bytes[k++] = b2;
    }
  }
  gb2312 = new Set(new TextDecoder('gb18030').decode(bytes));
  return gb2312;
}

/**
 * Every character of the two-byte codes of an encoding's rows, decoded at once: each pair followed by
 * a space, so that a pair the encoding does not have (U+FFFD, its ASCII trail byte read again) cannot
 * shift the pairs after it.
 */
function decodeRows(encoding: string, leads: [number, number], trails: [number, number][]): Set<string> {
  const bytes: number[] = [];
  for (let b1 = leads[0]; b1 <= leads[1]; b1++) for (const [from, to] of trails) for (let b2 = from; b2 <= to; b2++) bytes.push(b1, b2, 0x20);
  return new Set(new TextDecoder(encoding).decode(new Uint8Array(bytes)));
}

let japaneseOnly: Set<string> | undefined;

/**
 * Kanji of Japan's JIS X 0208 that neither GB2312 nor Big5 has: the Japanese forms (圧 for 压, 査 for
 * 查, 検, 収 …), which a Chinese font prints as they are. In a Chinese text one is a wrong character
 * (an input method's or a copied text's), not a rare one: no Chinese character set holds it.
 */
export function japaneseOnlyKanji(): Set<string> {
  if (japaneseOnly) return japaneseOnly;
  const jis = decodeRows('euc-jp', [0xb0, 0xf4], [[0xa1, 0xfe]]);
  const big5 = decodeRows('big5', [0x81, 0xfe], [[0x40, 0x7e], [0xa1, 0xfe]]);
  const gb = gb2312Hanzi();
  japaneseOnly = new Set([...jis].filter((c) => /\p{Script=Han}/u.test(c) && !gb.has(c) && !big5.has(c)));
  return japaneseOnly;
}
