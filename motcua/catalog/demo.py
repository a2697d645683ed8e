"""The demo catalogue of Cam Ranh (2022): 35 commune- and city-level procedures across seven fields.

Illustrative data: the names follow real procedures but codes, legal bases, fees and limits
are for demonstration only, and every procedure is flagged `is_demo` (shown as "Dữ liệu minh họa").
`seed()` runs after the accounts demo (INSTALLED_APPS order) and is idempotent.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import Agency, User
from motcua.catalog import publication_demo, services
from motcua.catalog.models import Channel, OnlineLevel, PauseKind, Procedure, ResultKind, TimeUnit

CITY, DESK, LAND, TAX = "000.00.31.H34", "000.11.31.H34", "000.20.31.H34", "000.21.31.H34"
OFFICE_HOME, OFFICE_PLAN, OFFICE_ENV, OFFICE_CULTURE = (
    "000.02.31.H34",
    "000.03.31.H34",
    "000.04.31.H34",
    "000.05.31.H34",
)
COMMUNES = [f"000.{n}.31.H34" for n in range(51, 66)]
EFFECTIVE = date(2022, 1, 1)
ANNOUNCEMENT = ("1234/QĐ-UBND (minh họa)", date(2021, 12, 10))

FIELDS = {
    "HT": "Hộ tịch",
    "CT": "Chứng thực",
    "DD": "Đất đai",
    "XD": "Hoạt động xây dựng",
    "HKD": "Thành lập và hoạt động của hộ kinh doanh",
    "BTXH": "Bảo trợ xã hội",
    "VH": "Văn hóa",
}
LEGAL = {
    "HT": ["Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP của Chính phủ (minh họa)"],
    "CT": ["Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực (minh họa)"],
    "DD": ["Luật Đất đai số 45/2013/QH13", "Nghị định số 43/2014/NĐ-CP (minh họa)"],
    "XD": ["Luật Xây dựng số 50/2014/QH13", "Nghị định số 15/2021/NĐ-CP (minh họa)"],
    "HKD": ["Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp (minh họa)"],
    "BTXH": ["Nghị định số 20/2021/NĐ-CP về chính sách trợ giúp xã hội (minh họa)"],
    "VH": ["Nghị định số 54/2019/NĐ-CP về kinh doanh dịch vụ karaoke, vũ trường (minh họa)"],
}
ID = ("Giấy tờ tùy thân có ảnh (xuất trình)", 1, 0, True, "")
AUTH = ("Văn bản ủy quyền", 1, 0, "Khi người khác nộp hồ sơ thay", "")
SAME_DAY = ("SAME_DAY", time(15, 0))

# code, name, field, level, limit (working days | ("SAME_DAY", cutoff) | (value, unit)), online level,
# fees [(name, amount, note)], documents [(name, originals, copies, True | condition, "T"/"S"/"TS")],
# internal-process profile, pause kinds, result (name, kind), popularity, applicants ("P", "O", "PO")
P = Procedure.Level
L = OnlineLevel
PROCEDURES: list[tuple[Any, ...]] = [
    (
        "1.001193",
        "Đăng ký khai sinh",
        "HT",
        P.COMMUNE,
        SAME_DAY,
        L.FULL,
        [("Lệ phí đăng ký khai sinh đúng hạn", 0, "Miễn lệ phí")],
        [("Tờ khai đăng ký khai sinh", 1, 0, True, "TS"), ("Giấy chứng sinh", 1, 0, True, ""), ID, AUTH],
        "hours",
        [],
        ("Giấy khai sinh", ResultKind.BOTH),
        980,
        "P",
    ),
    (
        "1.000894",
        "Đăng ký kết hôn",
        "HT",
        P.COMMUNE,
        SAME_DAY,
        L.PARTIAL,
        [("Lệ phí đăng ký kết hôn", 0, "Miễn lệ phí")],
        [
            ("Tờ khai đăng ký kết hôn", 1, 0, True, "TS"),
            ("Giấy xác nhận tình trạng hôn nhân", 1, 0, "Khi đăng ký tại nơi không thường trú", ""),
            ID,
        ],
        "hours",
        [],
        ("Giấy chứng nhận kết hôn", ResultKind.PAPER),
        870,
        "P",
    ),
    (
        "1.000656",
        "Đăng ký khai tử",
        "HT",
        P.COMMUNE,
        SAME_DAY,
        L.FULL,
        [("Lệ phí đăng ký khai tử đúng hạn", 0, "Miễn lệ phí")],
        [
            ("Tờ khai đăng ký khai tử", 1, 0, True, "TS"),
            ("Giấy báo tử hoặc giấy tờ thay thế", 1, 0, True, ""),
            ID,
        ],
        "hours",
        [],
        ("Trích lục khai tử", ResultKind.BOTH),
        410,
        "P",
    ),
    (
        "1.004873",
        "Cấp bản sao trích lục hộ tịch",
        "HT",
        P.COMMUNE,
        SAME_DAY,
        L.FULL,
        [("Phí cấp bản sao trích lục", 8000, "Mỗi bản sao")],
        [("Tờ khai cấp bản sao trích lục hộ tịch", 1, 0, True, "T"), ID],
        "hours",
        [],
        ("Bản sao trích lục hộ tịch", ResultKind.BOTH),
        520,
        "P",
    ),
    (
        "1.001022",
        "Đăng ký lại khai sinh",
        "HT",
        P.COMMUNE,
        5,
        L.PARTIAL,
        [("Lệ phí đăng ký lại khai sinh", 5000, "")],
        [
            ("Tờ khai đăng ký lại khai sinh", 1, 0, True, "TS"),
            ("Bản sao giấy tờ chứng minh nội dung khai sinh", 0, 1, True, ""),
            ID,
        ],
        "xa",
        [PauseKind.VERIFICATION],
        ("Giấy khai sinh (bản đăng ký lại)", ResultKind.PAPER),
        150,
        "P",
    ),
    (
        "1.004884",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "HT",
        P.COMMUNE,
        3,
        L.FULL,
        [("Lệ phí", 3000, "")],
        [("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", 1, 0, True, "TS"), ID],
        "xa",
        [PauseKind.VERIFICATION],
        ("Giấy xác nhận tình trạng hôn nhân", ResultKind.BOTH),
        640,
        "P",
    ),
    (
        "2.000635",
        "Đăng ký nhận cha, mẹ, con",
        "HT",
        P.COMMUNE,
        3,
        L.PARTIAL,
        [("Lệ phí", 0, "Miễn lệ phí")],
        [
            ("Tờ khai đăng ký nhận cha, mẹ, con", 1, 0, True, "T"),
            ("Chứng cứ chứng minh quan hệ cha, mẹ, con", 1, 1, True, ""),
            ID,
        ],
        "xa",
        [PauseKind.VERIFICATION],
        ("Trích lục đăng ký nhận cha, mẹ, con", ResultKind.PAPER),
        60,
        "P",
    ),
    (
        "1.001695",
        "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "HT",
        P.COMMUNE,
        3,
        L.PARTIAL,
        [("Lệ phí", 15000, "")],
        [
            ("Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch", 1, 0, True, "TS"),
            ("Giấy tờ làm căn cứ thay đổi, cải chính", 0, 1, True, ""),
            ID,
        ],
        "xa",
        [],
        ("Trích lục thay đổi, cải chính hộ tịch", ResultKind.PAPER),
        120,
        "P",
    ),
    (
        "2.000908",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "CT",
        P.COMMUNE,
        SAME_DAY,
        L.NONE,
        [
            (
                "Phí chứng thực bản sao",
                2000,
                "Mỗi trang; từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản",
            )
        ],
        [
            ("Bản chính giấy tờ, văn bản làm cơ sở chứng thực", 1, 0, True, ""),
            ("Bản sao cần chứng thực", 0, 1, True, ""),
        ],
        "hours",
        [],
        ("Bản sao được chứng thực", ResultKind.PAPER),
        1200,
        "PO",
    ),
    (
        "2.000884",
        "Chứng thực chữ ký trong các giấy tờ, văn bản",
        "CT",
        P.COMMUNE,
        SAME_DAY,
        L.NONE,
        [("Phí chứng thực chữ ký", 10000, "Mỗi trường hợp")],
        [("Giấy tờ, văn bản cần chứng thực chữ ký", 1, 0, True, ""), ID],
        "hours",
        [],
        ("Giấy tờ được chứng thực chữ ký", ResultKind.PAPER),
        700,
        "P",
    ),
    (
        "2.001035",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở",
        "CT",
        P.COMMUNE,
        2,
        L.NONE,
        [("Phí chứng thực hợp đồng", 50000, "Mỗi hợp đồng")],
        [
            ("Dự thảo hợp đồng, giao dịch", 1, 0, True, "T"),
            ("Giấy chứng nhận quyền sử dụng đất", 0, 1, "Với hợp đồng về đất đai, nhà ở", ""),
            ID,
        ],
        "xa",
        [],
        ("Hợp đồng được chứng thực", ResultKind.PAPER),
        330,
        "PO",
    ),
    (
        "2.000843",
        "Chứng thực di chúc",
        "CT",
        P.COMMUNE,
        2,
        L.NONE,
        [("Phí chứng thực di chúc", 50000, "")],
        [("Dự thảo di chúc", 1, 0, True, ""), ID],
        "xa",
        [],
        ("Di chúc được chứng thực", ResultKind.PAPER),
        40,
        "P",
    ),
    (
        "1.002255",
        "Hòa giải tranh chấp đất đai",
        "DD",
        P.COMMUNE,
        (45, TimeUnit.CALENDAR_DAYS),
        L.NONE,
        [],
        [
            ("Đơn đề nghị hòa giải tranh chấp đất đai", 1, 0, True, "TS"),
            ("Giấy tờ liên quan đến thửa đất tranh chấp", 0, 1, "Nếu có", ""),
        ],
        "none",
        [],
        ("Biên bản hòa giải", ResultKind.PAPER),
        55,
        "PO",
    ),
    (
        "1.003554",
        "Đăng ký biến động đất đai (chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất)",
        "DD",
        P.DISTRICT,
        10,
        L.PARTIAL,
        [
            ("Lệ phí cấp giấy chứng nhận", 50000, "Khi cấp mới giấy chứng nhận"),
            ("Lệ phí trước bạ", 0, "0,5% giá trị theo thông báo của cơ quan thuế"),
        ],
        [
            ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", 1, 0, True, "TS"),
            ("Hợp đồng, văn bản chuyển nhượng, tặng cho đã công chứng, chứng thực", 1, 0, True, ""),
            ("Bản gốc Giấy chứng nhận đã cấp", 1, 0, True, ""),
            ("Tờ khai lệ phí trước bạ, thuế thu nhập cá nhân", 1, 0, True, "T"),
        ],
        "land",
        [PauseKind.FINANCIAL_OBLIGATION],
        ("Giấy chứng nhận đã xác nhận biến động", ResultKind.PAPER),
        760,
        "PO",
    ),
    (
        "1.004227",
        "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "DD",
        P.DISTRICT,
        20,
        L.PARTIAL,
        [
            ("Lệ phí cấp giấy chứng nhận", 100000, "Cá nhân; tổ chức 500.000 đồng"),
            ("Phí thẩm định hồ sơ", 500000, "Tùy diện tích (minh họa)"),
        ],
        [
            ("Đơn đăng ký, cấp Giấy chứng nhận", 1, 0, True, "TS"),
            ("Giấy tờ về quyền sử dụng đất", 0, 1, "Nếu có", ""),
            ("Sơ đồ, mảnh trích đo thửa đất", 1, 0, True, ""),
            ("Chứng từ thực hiện nghĩa vụ tài chính", 0, 1, "Nếu đã nộp", ""),
        ],
        "land_first",
        [PauseKind.FINANCIAL_OBLIGATION, PauseKind.PUBLIC_POSTING, PauseKind.VERIFICATION],
        (
            "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
            ResultKind.PAPER,
        ),
        690,
        "PO",
    ),
    (
        "1.005194",
        "Cấp đổi giấy chứng nhận quyền sử dụng đất",
        "DD",
        P.DISTRICT,
        7,
        L.PARTIAL,
        [("Lệ phí cấp đổi", 50000, "")],
        [
            ("Đơn đề nghị cấp đổi Giấy chứng nhận", 1, 0, True, "T"),
            ("Bản gốc Giấy chứng nhận đã cấp", 1, 0, True, ""),
        ],
        "land_only",
        [],
        ("Giấy chứng nhận (cấp đổi)", ResultKind.PAPER),
        300,
        "PO",
    ),
    (
        "1.005398",
        "Cấp lại giấy chứng nhận quyền sử dụng đất do bị mất",
        "DD",
        P.DISTRICT,
        10,
        L.PARTIAL,
        [("Lệ phí cấp lại", 50000, "")],
        [
            ("Đơn đề nghị cấp lại Giấy chứng nhận", 1, 0, True, "T"),
            ("Giấy xác nhận của UBND cấp xã về việc niêm yết thông báo mất giấy", 1, 0, True, ""),
        ],
        "land_only",
        [PauseKind.PUBLIC_POSTING],
        ("Giấy chứng nhận (cấp lại)", ResultKind.PAPER),
        90,
        "PO",
    ),
    (
        "1.003003",
        "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền",
        "DD",
        P.DISTRICT,
        15,
        L.PARTIAL,
        [("Phí thẩm định hồ sơ", 500000, "Minh họa")],
        [
            ("Đơn xin chuyển mục đích sử dụng đất", 1, 0, True, "TS"),
            ("Bản gốc Giấy chứng nhận", 1, 0, True, ""),
        ],
        "land",
        [PauseKind.FINANCIAL_OBLIGATION, PauseKind.VERIFICATION],
        ("Quyết định cho phép chuyển mục đích sử dụng đất", ResultKind.PAPER),
        210,
        "PO",
    ),
    (
        "1.004336",
        "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
        "DD",
        P.DISTRICT,
        SAME_DAY,
        L.FULL,
        [("Lệ phí đăng ký thế chấp", 80000, "")],
        [
            ("Phiếu yêu cầu đăng ký thế chấp", 1, 0, True, "TS"),
            ("Hợp đồng thế chấp", 1, 0, True, ""),
            ("Bản gốc Giấy chứng nhận", 1, 0, True, ""),
        ],
        "hours_land",
        [],
        ("Giấy chứng nhận đã ghi nội dung thế chấp", ResultKind.PAPER),
        450,
        "PO",
    ),
    (
        "1.009994",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "XD",
        P.DISTRICT,
        15,
        L.PARTIAL,
        [("Lệ phí cấp giấy phép xây dựng", 75000, "")],
        [
            ("Đơn đề nghị cấp giấy phép xây dựng", 1, 0, True, "TS"),
            ("Giấy tờ chứng minh quyền sử dụng đất", 0, 1, True, ""),
            ("Hai bộ bản vẽ thiết kế xây dựng", 2, 0, True, ""),
        ],
        "city:" + OFFICE_ENV,
        [PauseKind.VERIFICATION],
        ("Giấy phép xây dựng", ResultKind.PAPER),
        560,
        "PO",
    ),
    (
        "1.009995",
        "Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ",
        "XD",
        P.DISTRICT,
        15,
        L.PARTIAL,
        [("Lệ phí cấp giấy phép", 75000, "")],
        [
            ("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo", 1, 0, True, "T"),
            ("Bản vẽ hiện trạng và thiết kế cải tạo", 2, 0, True, ""),
            ("Ảnh chụp hiện trạng công trình", 1, 0, True, ""),
        ],
        "city:" + OFFICE_ENV,
        [],
        ("Giấy phép sửa chữa, cải tạo", ResultKind.PAPER),
        140,
        "PO",
    ),
    (
        "1.009996",
        "Điều chỉnh giấy phép xây dựng nhà ở riêng lẻ",
        "XD",
        P.DISTRICT,
        15,
        L.PARTIAL,
        [("Lệ phí", 15000, "")],
        [
            ("Đơn đề nghị điều chỉnh giấy phép xây dựng", 1, 0, True, "T"),
            ("Bản chính giấy phép xây dựng đã cấp", 1, 0, True, ""),
        ],
        "city:" + OFFICE_ENV,
        [],
        ("Giấy phép xây dựng điều chỉnh", ResultKind.PAPER),
        70,
        "PO",
    ),
    (
        "1.009997",
        "Gia hạn giấy phép xây dựng",
        "XD",
        P.DISTRICT,
        5,
        L.FULL,
        [("Lệ phí", 15000, "")],
        [
            ("Đơn đề nghị gia hạn giấy phép xây dựng", 1, 0, True, "T"),
            ("Bản chính giấy phép xây dựng đã cấp", 1, 0, True, ""),
        ],
        "city:" + OFFICE_ENV,
        [],
        ("Giấy phép xây dựng được gia hạn", ResultKind.BOTH),
        45,
        "PO",
    ),
    (
        "2.000575",
        "Đăng ký thành lập hộ kinh doanh",
        "HKD",
        P.DISTRICT,
        3,
        L.FULL,
        [("Lệ phí đăng ký hộ kinh doanh", 100000, "Miễn khi nộp hồ sơ trực tuyến (minh họa)")],
        [
            ("Giấy đề nghị đăng ký hộ kinh doanh", 1, 0, True, "TS"),
            ("Bản sao giấy tờ pháp lý của chủ hộ kinh doanh", 0, 1, True, ""),
            ("Biên bản họp thành viên hộ gia đình", 1, 0, "Khi các thành viên hộ gia đình cùng đăng ký", "T"),
        ],
        "city:" + OFFICE_PLAN,
        [],
        ("Giấy chứng nhận đăng ký hộ kinh doanh", ResultKind.BOTH),
        820,
        "P",
    ),
    (
        "2.000720",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "HKD",
        P.DISTRICT,
        3,
        L.FULL,
        [("Lệ phí", 50000, "")],
        [
            ("Thông báo thay đổi nội dung đăng ký hộ kinh doanh", 1, 0, True, "T"),
            ("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh", 1, 0, True, ""),
        ],
        "city:" + OFFICE_PLAN,
        [],
        ("Giấy chứng nhận đăng ký hộ kinh doanh (thay đổi)", ResultKind.BOTH),
        260,
        "P",
    ),
    (
        "2.000644",
        "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn của hộ kinh doanh",
        "HKD",
        P.DISTRICT,
        3,
        L.FULL,
        [],
        [("Thông báo tạm ngừng hoặc tiếp tục kinh doanh", 1, 0, True, "T")],
        "city:" + OFFICE_PLAN,
        [],
        ("Giấy xác nhận tạm ngừng kinh doanh", ResultKind.ELECTRONIC),
        95,
        "P",
    ),
    (
        "2.000605",
        "Chấm dứt hoạt động hộ kinh doanh",
        "HKD",
        P.DISTRICT,
        3,
        L.FULL,
        [],
        [
            ("Thông báo chấm dứt hoạt động hộ kinh doanh", 1, 0, True, "T"),
            ("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh", 1, 0, True, ""),
            ("Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế", 0, 1, True, ""),
        ],
        "city:" + OFFICE_PLAN,
        [],
        ("Thông báo chấm dứt hoạt động", ResultKind.ELECTRONIC),
        80,
        "P",
    ),
    (
        "2.000783",
        "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
        "HKD",
        P.DISTRICT,
        3,
        L.FULL,
        [("Lệ phí", 50000, "")],
        [("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", 1, 0, True, "T")],
        "city:" + OFFICE_PLAN,
        [],
        ("Giấy chứng nhận đăng ký hộ kinh doanh (cấp lại)", ResultKind.BOTH),
        35,
        "P",
    ),
    (
        "1.001776",
        "Trợ cấp xã hội hằng tháng (thực hiện, điều chỉnh, thôi hưởng)",
        "BTXH",
        P.DISTRICT,
        22,
        L.PARTIAL,
        [],
        [
            ("Tờ khai đề nghị trợ giúp xã hội", 1, 0, True, "TS"),
            ("Giấy xác nhận khuyết tật", 0, 1, "Với người khuyết tật", ""),
        ],
        "social",
        [PauseKind.PUBLIC_POSTING],
        ("Quyết định trợ cấp xã hội hằng tháng", ResultKind.PAPER),
        380,
        "P",
    ),
    (
        "1.001731",
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "BTXH",
        P.DISTRICT,
        10,
        L.PARTIAL,
        [],
        [
            ("Tờ khai đề nghị hỗ trợ chi phí mai táng", 1, 0, True, "T"),
            ("Bản sao giấy chứng tử", 0, 1, True, ""),
        ],
        "social",
        [],
        ("Quyết định hỗ trợ chi phí mai táng", ResultKind.PAPER),
        65,
        "P",
    ),
    (
        "1.001699",
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        "BTXH",
        P.COMMUNE,
        25,
        L.PARTIAL,
        [],
        [
            ("Đơn đề nghị xác định mức độ khuyết tật", 1, 0, True, "TS"),
            ("Hồ sơ bệnh án, giấy tờ khám bệnh", 0, 1, "Nếu có", ""),
        ],
        "xa",
        [PauseKind.VERIFICATION],
        ("Giấy xác nhận khuyết tật", ResultKind.PAPER),
        170,
        "P",
    ),
    (
        "1.001120",
        "Cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        "VH",
        P.DISTRICT,
        5,
        L.PARTIAL,
        [("Phí thẩm định", 4000000, "Từ 01 đến 03 phòng (minh họa)")],
        [
            ("Đơn đề nghị cấp giấy phép kinh doanh dịch vụ karaoke", 1, 0, True, "T"),
            ("Giấy chứng nhận đăng ký kinh doanh", 0, 1, True, ""),
        ],
        "city:" + OFFICE_CULTURE,
        [PauseKind.VERIFICATION],
        ("Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", ResultKind.PAPER),
        25,
        "PO",
    ),
    (
        "1.001008",
        "Đăng ký tổ chức lễ hội cấp huyện",
        "VH",
        P.DISTRICT,
        15,
        L.PARTIAL,
        [],
        [("Văn bản đăng ký tổ chức lễ hội", 1, 0, True, "T"), ("Kế hoạch tổ chức lễ hội", 1, 0, True, "")],
        "city:" + OFFICE_CULTURE,
        [],
        ("Văn bản chấp thuận tổ chức lễ hội", ResultKind.PAPER),
        20,
        "O",
    ),
    (
        "1.000954",
        "Xét tặng danh hiệu Gia đình văn hóa hằng năm",
        "VH",
        P.COMMUNE,
        5,
        L.NONE,
        [],
        [("Bản đăng ký tham gia xây dựng gia đình văn hóa", 1, 0, True, "T")],
        "xa",
        [],
        ("Giấy khen Gia đình văn hóa", ResultKind.PAPER),
        30,
        "P",
    ),
    (
        "2.001263",
        "Thông báo tổ chức lễ hội cấp xã",
        "VH",
        P.COMMUNE,
        5,
        L.PARTIAL,
        [],
        [("Văn bản thông báo tổ chức lễ hội", 1, 0, True, "T")],
        "xa",
        [],
        ("Văn bản trả lời", ResultKind.PAPER),
        15,
        "O",
    ),
]

# A second version of "Đăng ký khai sinh" from mid-2023, to show versioning: receipt before 16:00.
REVISIONS = {"1.001193": (date(2023, 7, 1), {"same_day_cutoff": time(16, 0)})}

# Officers by demo username (accounts demo): a contact names the person who holds that post there,
# so /lien-he/ never gives one agency's officer to another.
CONTACTS: dict[str, tuple[str, str, list[tuple[str, str, str]]]] = {
    DESK: (
        "0258 3951 999",
        "phananh.motcua@camranh.example.vn",
        [
            ("tiepnhan", "Phụ trách Bộ phận tiếp nhận và trả kết quả", "0905 111 222"),
            ("giamsat", "Chánh Văn phòng HĐND và UBND thành phố", "0905 333 444"),
        ],
    ),
    CITY: (
        "0258 3854 165",
        "ubnd@camranh.example.vn",
        [("lanhdao.ubnd", "Phó Chủ tịch UBND thành phố", "0905 555 666")],
    ),
    "000.52.31.H34": (
        "0258 3866 123",
        "camlinh@camranh.example.vn",
        [("tiepnhan.camlinh", "Công chức Văn phòng - Thống kê", "0905 777 888")],
    ),
}


def _half_days(parts: list[tuple[str, str | None, int]]) -> list[dict[str, Any]]:
    """Steps from (name, agency, half days); whole days are written as working days."""
    steps = []
    for name, agency, halves in parts:
        if halves % 2 == 0:
            value, unit = halves // 2, TimeUnit.WORKING_DAYS
        else:
            value, unit = halves, TimeUnit.HALF_DAYS
        steps.append({"name": name, "agency": agency, "budget_value": value, "budget_unit": unit})
    return steps


def _steps(profile: str, limit: Any) -> list[dict[str, Any]]:
    if profile == "none":
        return []
    if profile in {"hours", "hours_land"}:
        handler = LAND if profile == "hours_land" else None
        return [
            {
                "name": "Tiếp nhận, kiểm tra hồ sơ",
                "agency": None,
                "budget_value": 1,
                "budget_unit": TimeUnit.WORKING_HOURS,
            },
            {
                "name": "Thẩm định, ký kết quả",
                "agency": handler,
                "budget_value": 2,
                "budget_unit": TimeUnit.WORKING_HOURS,
            },
            {"name": "Trả kết quả", "agency": None, "budget_value": 1, "budget_unit": TimeUnit.WORKING_HOURS},
        ]
    halves = 2 * int(limit)
    if profile == "xa":
        return _half_days(
            [
                ("Tiếp nhận hồ sơ tại Bộ phận một cửa", None, 1),
                ("Công chức chuyên môn thẩm định, dự thảo kết quả", None, halves - 3),
                ("Lãnh đạo UBND xã, phường ký", None, 1),
                ("Trả kết quả", None, 1),
            ]
        )
    if profile.startswith("city:"):
        office = profile.split(":", 1)[1]
        return _half_days(
            [
                ("Tiếp nhận hồ sơ tại Bộ phận một cửa thành phố", None, 1),
                ("Phòng chuyên môn thẩm định, đề xuất", office, halves - 3),
                ("Lãnh đạo UBND thành phố ký", CITY, 1),
                ("Trả kết quả", None, 1),
            ]
        )
    if profile == "land":
        return _half_days(
            [
                ("Tiếp nhận hồ sơ", None, 1),
                ("Kiểm tra hồ sơ, xác minh thực địa", LAND, halves - 10),
                ("Xác định và thông báo nghĩa vụ tài chính", TAX, 6),
                ("Cập nhật hồ sơ địa chính, chỉnh lý giấy chứng nhận", LAND, 2),
                ("Trả kết quả", None, 1),
            ]
        )
    if profile == "land_only":
        return _half_days(
            [
                ("Tiếp nhận hồ sơ", None, 1),
                ("Kiểm tra hồ sơ, in giấy chứng nhận", LAND, halves - 4),
                ("Trình ký, cập nhật hồ sơ địa chính", LAND, 2),
                ("Trả kết quả", None, 1),
            ]
        )
    if profile == "land_first":
        return _half_days(
            [
                ("Tiếp nhận hồ sơ", None, 1),
                ("Kiểm tra hồ sơ, trích đo, niêm yết công khai", LAND, halves - 18),
                ("Xác định và thông báo nghĩa vụ tài chính", TAX, 6),
                ("Phòng Tài nguyên và Môi trường thẩm định, trình ký", OFFICE_ENV, 4),
                ("UBND thành phố ký giấy chứng nhận", CITY, 4),
                ("Cập nhật hồ sơ địa chính", LAND, 2),
                ("Trả kết quả", None, 1),
            ]
        )
    if profile == "social":
        return _half_days(
            [
                ("Tiếp nhận hồ sơ tại UBND xã, phường", None, 1),
                ("Hội đồng xét duyệt cấp xã xem xét, niêm yết", None, halves - 9),
                ("Phòng chuyên môn thẩm định", OFFICE_HOME, 4),
                ("Chủ tịch UBND thành phố quyết định", CITY, 3),
                ("Trả kết quả", None, 1),
            ]
        )
    raise ValueError(profile)


def _rtf(lines: list[str]) -> bytes:
    """A tiny RTF document (opens in Word and LibreOffice) with Vietnamese text as \\u escapes."""

    def escape(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) < 128:
                out.append(ch)
            else:
                out.append(f"\\u{ord(ch)}?")
        return "".join(out)

    body = "\\par\n".join(escape(line) for line in lines)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs26\n" + body + "}").encode("ascii")


def _slug(code: str, index: int, kind: str) -> str:
    return f"minh-hoa-{code.replace('.', '-')}-{index}-{kind}.rtf"


def _documents(code: str, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    documents = []
    for index, (name, originals, copies, mandatory, files) in enumerate(rows, start=1):
        header = [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            name.upper(),
            "(Dữ liệu minh họa)",
            "",
        ]
        document: dict[str, Any] = {
            "name": name,
            "originals": originals,
            "copies": copies,
            "mandatory": mandatory is True,
            "condition": "" if mandatory is True else mandatory,
        }
        if "T" in files:
            blank = [
                *header,
                "Họ, chữ đệm, tên: ....................",
                "Ngày, tháng, năm sinh: ....................",
                "Nơi cư trú: ....................",
                "",
                "Người yêu cầu (ký, ghi rõ họ tên)",
            ]
            document["template"] = ContentFile(_rtf(blank), name=_slug(code, index, "mau"))
        if "S" in files:
            filled = [
                *header,
                "Họ, chữ đệm, tên: NGUYỄN VĂN AN",
                "Ngày, tháng, năm sinh: 05/03/1990",
                "Nơi cư trú: Tổ dân phố Nghĩa Cam, phường Cam Nghĩa, thành phố Cam Ranh, tỉnh Khánh Hòa",
                "",
                "Người yêu cầu: Nguyễn Văn An",
            ]
            document["sample"] = ContentFile(_rtf(filled), name=_slug(code, index, "ho-so-mau"))
        documents.append(document)
    return documents


def _limit(limit: Any) -> dict[str, Any]:
    if isinstance(limit, tuple) and limit[0] == "SAME_DAY":
        return {"limit_value": 0, "limit_unit": TimeUnit.SAME_DAY, "same_day_cutoff": limit[1]}
    if isinstance(limit, tuple):
        return {"limit_value": limit[0], "limit_unit": limit[1]}
    return {"limit_value": int(limit), "limit_unit": TimeUnit.WORKING_DAYS}


def _channels(level: str) -> list[str]:
    return [Channel.DESK, Channel.POST] + ([Channel.ONLINE] if level != OnlineLevel.NONE else [])


@transaction.atomic
def seed() -> None:
    """Create the demo fields, procedures (with versions, documents, steps, fees) and contacts; idempotent."""
    agencies = {a.code: a for a in Agency.objects.all()}
    if CITY not in agencies:  # the accounts demo has not run: nothing to attach procedures to
        return
    fields = {code: services.field_save(code=code, name=name) for code, name in FIELDS.items()}
    for row in PROCEDURES:
        (
            code,
            name,
            field_code,
            level,
            limit,
            online,
            fees,
            documents,
            profile,
            pauses,
            result,
            popularity,
            who,
        ) = row
        if level == Procedure.Level.COMMUNE:
            implementing = [agencies[c] for c in COMMUNES if c in agencies]
        else:
            implementing = [agencies[CITY]]
        if profile.startswith("land") or profile == "hours_land":
            implementing.append(agencies[LAND])
        procedure = services.procedure_save(
            code=code,
            name=name,
            field=fields[field_code],
            agencies=implementing,
            level=level,
            for_person="P" in who,
            for_organisation="O" in who,
            is_demo=True,
            popularity=popularity,
        )
        if procedure.versions.exists():
            continue
        steps = [
            {**s, "agency": agencies[s["agency"]] if s["agency"] else None}
            for s in _steps(profile, limit if not isinstance(limit, tuple) else 0)
        ]
        receiving = (
            "UBND xã, phường nơi cư trú"
            if level == Procedure.Level.COMMUNE
            else "Bộ phận tiếp nhận và trả kết quả thành phố Cam Ranh"
        )
        version = services.procedure_version_create(
            procedure=procedure,
            effective_date=EFFECTIVE,
            steps_text=(
                f"Bước 1: Người yêu cầu nộp hồ sơ tại {receiving}, qua dịch vụ bưu chính công ích"
                f"{' hoặc trực tuyến' if online != OnlineLevel.NONE else ''}.\n"
                "Bước 2: Cán bộ tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả.\n"
                "Bước 3: Cơ quan có thẩm quyền giải quyết theo quy trình nội bộ.\n"
                "Bước 4: Người yêu cầu nhận kết quả theo giấy hẹn."
            ),
            method_text="Nộp trực tiếp, qua dịch vụ bưu chính công ích"
            + (" hoặc trực tuyến trên Cổng dịch vụ công." if online != OnlineLevel.NONE else "."),
            channels=_channels(online),
            online_level=online,
            pause_kinds=list(pauses),
            applicant_conditions="Không có."
            if not pauses
            else "Theo quy định của pháp luật chuyên ngành (minh họa).",
            result_name=result[0],
            result_kind=result[1],
            announcement_number=ANNOUNCEMENT[0],
            announcement_date=ANNOUNCEMENT[1],
            public_date=date(2021, 12, 15),
            documents=_documents(code, documents),
            steps=steps,
            fees=[{"name": n, "amount_vnd": a, "note": note} for n, a, note in fees],
            legal_bases=LEGAL[field_code],
            **_limit(limit),
        )
        services.procedure_version_publish(version=version, public_date=date(2021, 12, 15))
        if code in REVISIONS:
            effective, changes = REVISIONS[code]
            services.procedure_version_revise(
                version=version, effective_date=effective, publish=True, **changes
            )
    names = dict(User.objects.values_list("username", "full_name"))
    for agency_code, (hotline, email, officers) in CONTACTS.items():
        if agency_code in agencies:
            services.contact_update(
                agency=agencies[agency_code],
                hotline=hotline,
                email=email,
                officers=[
                    {"name": names[u], "position": p, "phone": ph} for u, p, ph in officers if u in names
                ],
            )
    publication_demo.seed()
