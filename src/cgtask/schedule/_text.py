"""Text helpers shared by the phrase parsers: width folding, traditional characters, Chinese numerals."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_TEN_THOUSAND = "万"

# Traditional forms seen in phrases from Hong Kong/Taiwan-encoded pages and old documents: the
# characters of the schedule words and of common filler, not a general converter.
_TRADITIONAL = str.maketrans(
    dict(
        zip(
            "於週數項個檢覆蓋兩為時間報內後級進開應對單總當鐘計劃執條責學節務訪會議組織實確辦處區隊機構產業場門導問題現統據達過並從與長專縣鎮雙隨季歲雙少幾低點頻査檢閱覽頭轄則參眾來黨領續職衛療醫藥環鐘戶課節態滿業聯網絡衛載驗險損壞幾紀錄讀寫讓護寶殘發團傳標準廣稱結視觀類輔師練習勞動飲飯潔淨煙氣濕質費賬樓樹歷緊響環試認證書顧養東廠廳陸陽雜難電靜頁題額風飛館馬體鬥魚鳥黃齊齒擬爭訪級屬則長內應運開與請園藝備註說話語誤調議論問術農號鄉鎮輛車範圍規歲後閱員職餘兒萬億較響計劃週實頒佈啟為於衆創傷處罰彈壓績購貨銷讚獎勵遊戲畫範頻數據廢護線邊鄰隊區劃餐廳養營銷場災礦鋼鐵鉛鋁錢銀鎖間閉關陰陽隱雲霧饑飽餵鬧齡龜災燈爐熱煩潛澤濟灣淺滅溫湯滯灑灘療瘋癢發盡監碼確穩窮競筆範築簡糧糾紅約級紀紛純紙紋納紐線練組細終絕給統絲經綠維綜網緊總繳續繫繼纖罰羅聖聯聲聽腦臉興舊艦莊萬葉蘇蟲衆補裝製複襲見規視覺親觸訂計訊討訓記設許評識診詞試詢該詳誠誤說課請諸謀謝證譯議護讀變讓豐貝負財責貢貧貨販貫貳貴買費貼貿賀資賓賠賣賦質賬賴購賽趕趨躍軌軍軟較輕輔輪輸轉辦農迴這連進運過達違遠適遲遷選遺還邊郵鄉醫釋針鈕銀銷鋪鏈鏡長門閃閉開閒間閱闊隊階際陳陸隨險雖雙雞離難電需靈響頂項順須預頓領頭頻題額顏願類顧顯風飛飲飼飾餘館騎驗驚髮鬆鬥鬧魚鮮鳥鳴麗麥黃點黨齊齡別",
            "于周数项个检覆盖两为时间报内后级进开应对单总当钟计划执条责学节务访会议组织实确办处区队机构产业场门导问题现统据达过并从与长专县镇双随季岁双少几低点频查检阅览头辖则参众来党领续职卫疗医药环钟户课节态满业联网络卫载验险损坏几纪录读写让护宝残发团传标准广称结视观类辅师练习劳动饮饭洁净烟气湿质费账楼树历紧响环试认证书顾养东厂厅陆阳杂难电静页题额风飞馆马体斗鱼鸟黄齐齿拟争访级属则长内应运开与请园艺备注说话语误调议论问术农号乡镇辆车范围规岁后阅员职余儿万亿较响计划周实颁布启为于众创伤处罚弹压绩购货销赞奖励游戏画范频数据废护线边邻队区划餐厅养营销场灾矿钢铁铅铝钱银锁间闭关阴阳隐云雾饥饱喂闹龄龟灾灯炉热烦潜泽济湾浅灭温汤滞洒滩疗疯痒发尽监码确稳穷竞笔范筑简粮纠红约级纪纷纯纸纹纳纽线练组细终绝给统丝经绿维综网紧总缴续系继纤罚罗圣联声听脑脸兴旧舰庄万叶苏虫众补装制复袭见规视觉亲触订计讯讨训记设许评识诊词试询该详诚误说课请诸谋谢证译议护读变让丰贝负财责贡贫货贩贯贰贵买费贴贸贺资宾赔卖赋质账赖购赛赶趋跃轨军软较轻辅轮输转办农回这连进运过达违远适迟迁选遗还边邮乡医释针钮银销铺链镜长门闪闭开闲间阅阔队阶际陈陆随险虽双鸡离难电需灵响顶项顺须预顿领头频题额颜愿类顾显风飞饮饲饰余馆骑验惊发松斗闹鱼鲜鸟鸣丽麦黄点党齐龄别",
            strict=True,
        )
    )
)

# A count as people write it: 30, ３０ (folded to 30 first), 三十, 两.
NUM = r"(?:\d+|[零〇一二两三四五六七八九十百千]+)"
# A number that may carry decimals or ten-thousands (shares: 12.5%; 1.5万户).
DECIMAL = r"(?:\d+(?:\.\d+)?万?|[零〇一二两三四五六七八九十百千万]+)"


def normalize_phrase(text: str) -> str:
    """Full-width to half-width (NFKC), traditional to simplified, spaces removed, a final 。 trimmed."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    return _SPACES.sub("", folded).strip("。.")


def parse_number(token: str) -> int:
    """Arabic or Chinese numerals up to the thousands (30, 三十, 两, 一百二十)."""
    if token.isdigit():
        return int(token)
    if _TEN_THOUSAND in token:
        high, _, low = token.partition(_TEN_THOUSAND)
        return parse_number(high or "一") * 10000 + (parse_number(low) if low else 0)
    total, digit = 0, 0
    for char in token:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
    return total + digit


def parse_decimal(token: str) -> float:
    """12.5 → 12.5; integers and Chinese numerals as ``parse_number``."""
    if token.endswith(_TEN_THOUSAND) and re.fullmatch(r"\d+(?:\.\d+)?万", token):
        return float(token[:-1]) * 10000
    if re.fullmatch(r"\d+\.\d+", token):
        return float(token)
    return float(parse_number(token))
