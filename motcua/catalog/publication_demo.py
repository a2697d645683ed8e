"""Demo published information and guides of Cam Ranh, written as the demo editor `bientap` would.

Illustrative data (numbers and dates of documents are examples, marked "minh họa"). The editor sits
at the portal's editorial board and is granted every agency, as the administrator
would set it (each top-level agency: the city and the branches outside its tree). Besides the public items there is one draft, one scheduled item and one withdrawn
item, so the back office shows every state. Called from `catalog.demo.seed()`; idempotent.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.catalog import publication_services as services
from motcua.catalog.models import Guide, Publication, PublicationCategory, PublishingGrant
from motcua.core.pdf import pdf_render

EDITOR = "bientap"
CITY = "000.00.31.H34"

# title, category code, agency code, days ago (None: draft; negative: scheduled), summary, body,
# legal details {document_number, issue_date, issuer, effective_date} or {}
Item = tuple[str, str, str, int | None, str, str, dict[str, Any]]
ITEMS: list[Item] = [
    (
        "Kế hoạch cải cách hành chính thành phố Cam Ranh năm 2022",
        "ke-hoach",
        CITY,
        40,
        "Kế hoạch triển khai công tác cải cách hành chính năm 2022 trên địa bàn thành phố: cải cách thể chế, "
        "thủ tục hành chính, tổ chức bộ máy, chế độ công vụ, tài chính công và xây dựng chính quyền số.",
        "Mục tiêu: 100% thủ tục hành chính được công khai đầy đủ, đúng quy định; tỷ lệ hồ sơ giải quyết đúng "
        "hạn đạt trên 98%; mức độ hài lòng của người dân đạt trên 83%.\n\n"
        "Các cơ quan chuyên môn, UBND các xã, phường xây dựng kế hoạch của đơn vị và báo cáo kết quả "
        "định kỳ hằng quý về Phòng Nội vụ trước ngày 14 của tháng cuối quý.",
        {
            "document_number": "45/KH-UBND (minh họa)",
            "issue_date": date(2022, 1, 10),
            "issuer": "UBND thành phố Cam Ranh",
            "effective_date": date(2022, 1, 10),
        },
    ),
    (
        "Quyết định công bố công khai dự toán ngân sách thành phố năm 2022",
        "ngan-sach",
        "000.03.31.H34",
        30,
        "Công khai số liệu dự toán thu, chi ngân sách địa phương năm 2022 đã được HĐND thành phố quyết định.",
        "Tổng thu ngân sách nhà nước trên địa bàn và chi ngân sách địa phương theo từng lĩnh vực được "
        "công khai kèm theo các biểu mẫu theo Thông tư số 343/2016/TT-BTC.",
        {
            "document_number": "120/QĐ-UBND (minh họa)",
            "issue_date": date(2022, 1, 5),
            "issuer": "UBND thành phố Cam Ranh",
            "effective_date": date(2022, 1, 5),
        },
    ),
    (
        "Quy hoạch sử dụng đất thời kỳ 2021–2030 thành phố Cam Ranh",
        "quy-hoach",
        "000.04.31.H34",
        25,
        "Công bố công khai quy hoạch sử dụng đất thời kỳ 2021–2030 đã được UBND tỉnh Khánh Hòa phê duyệt.",
        "Bản đồ quy hoạch sử dụng đất và báo cáo thuyết minh tổng hợp được niêm yết tại trụ sở UBND thành phố, "
        "UBND các xã, phường và đăng trên cổng thông tin này trong suốt thời kỳ quy hoạch.",
        {
            "document_number": "3201/QĐ-UBND (minh họa)",
            "issue_date": date(2021, 12, 20),
            "issuer": "UBND tỉnh Khánh Hòa",
            "effective_date": date(2021, 12, 20),
        },
    ),
    (
        "Chính sách hỗ trợ hộ kinh doanh chuyển đổi số trên địa bàn thành phố",
        "chinh-sach",
        CITY,
        20,
        "Hỗ trợ hộ kinh doanh mở tài khoản thanh toán điện tử, dùng hóa đơn điện tử và dịch vụ công trực tuyến.",
        "Đối tượng: hộ kinh doanh đăng ký tại thành phố. Nội dung hỗ trợ: tập huấn miễn phí, hướng dẫn "
        "tại Bộ phận tiếp nhận và trả kết quả, hỗ trợ chữ ký số trong năm đầu.",
        {
            "document_number": "18/2022/QĐ-UBND (minh họa)",
            "issue_date": date(2022, 3, 1),
            "issuer": "UBND thành phố Cam Ranh",
            "effective_date": date(2022, 3, 15),
        },
    ),
    (
        "Bộ phận một cửa thành phố tiếp nhận hồ sơ vào sáng thứ Bảy",
        "tin-cai-cach",
        "000.11.31.H34",
        12,
        "Từ tháng này, Bộ phận tiếp nhận và trả kết quả thành phố làm việc thêm sáng thứ Bảy để phục vụ người dân.",
        "Người dân có thể nộp hồ sơ, nhận kết quả từ 07:30 đến 11:30 sáng thứ Bảy hằng tuần. Hồ sơ nhận "
        "vào thứ Bảy được tính thời hạn từ ngày làm việc tiếp theo.",
        {},
    ),
    (
        "Thành phố đạt 98,6% hồ sơ giải quyết đúng hạn trong quý I",
        "tin-cai-cach",
        CITY,
        7,
        "Kết quả giải quyết thủ tục hành chính quý I: 98,6% hồ sơ đúng hạn, 46% hồ sơ nộp trực tuyến.",
        "UBND thành phố biểu dương các đơn vị có tỷ lệ hồ sơ đúng hạn cao và yêu cầu các đơn vị còn hồ sơ "
        "trễ hạn gửi văn bản xin lỗi người dân theo quy định.",
        {},
    ),
    (
        "Hướng dẫn người dân nộp hồ sơ qua dịch vụ bưu chính công ích",
        "tin-cai-cach",
        "000.02.31.H34",
        3,
        "Người dân có thể gửi hồ sơ và nhận kết quả tại nhà qua bưu điện, không phải đến Bộ phận một cửa.",
        "Đến bưu cục gần nhất hoặc gọi tổng đài bưu điện để được nhận hồ sơ tại nhà. Phí chuyển phát "
        "theo bảng giá của bưu điện.",
        {},
    ),
    (
        "Dự thảo kế hoạch số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm 2023",
        "ke-hoach",
        CITY,
        None,
        "Bản nháp đang lấy ý kiến các phòng, ban.",
        "Nội dung dự thảo.",
        {},
    ),
    (
        "Thông báo lịch tiếp công dân quý tới",
        "tin-cai-cach",
        CITY,
        -5,
        "Lịch tiếp công dân định kỳ của Chủ tịch UBND thành phố (đăng theo lịch).",
        "Chủ tịch UBND thành phố tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở tiếp công dân.",
        {},
    ),
]
WITHDRAWN: Item = (
    "Thông báo tạm ngừng tiếp nhận hồ sơ đất đai (đăng nhầm)",
    "tin-cai-cach",
    "000.04.31.H34",
    15,
    "Thông báo đã được gỡ vì đăng nhầm.",
    "Nội dung đã gỡ.",
    {},
)
WITHDRAWAL_REASON = "Đăng nhầm: Bộ phận một cửa vẫn tiếp nhận hồ sơ đất đai bình thường."

GUIDES = {
    Guide.Kind.ONLINE: (
        "Hướng dẫn nộp hồ sơ trực tuyến",
        "Người dân, doanh nghiệp có thể nộp hồ sơ các thủ tục dưới đây qua mạng, không phải đến Bộ phận một cửa.\n\n"
        "Bước 1: Vào mục «Nộp hồ sơ» trên cổng này, chọn thủ tục. Bước 2: Khai thông tin, tải lên bản chụp "
        "hoặc bản quét giấy tờ (PDF, JPEG, PNG). Bước 3: Nhận mã hồ sơ qua tin nhắn và theo dõi tiến độ.\n\n"
        "Với dịch vụ toàn trình, kết quả được trả bản điện tử; với dịch vụ một phần, người dân đến nhận "
        "kết quả hoặc nộp bản chính khi nhận kết quả.",
    ),
    Guide.Kind.POST: (
        "Hướng dẫn nộp hồ sơ, nhận kết quả qua bưu chính công ích",
        "Người dân có thể gửi hồ sơ và nhận kết quả tại nhà qua dịch vụ bưu chính công ích "
        "(Quyết định số 45/2016/QĐ-TTg), không phải đến Bộ phận một cửa.\n\n"
        "Đến bưu cục gần nhất hoặc gọi tổng đài bưu điện; nhân viên bưu điện nhận hồ sơ, chuyển đến Bộ phận "
        "một cửa và mang kết quả về tận nhà. Thời hạn giải quyết tính từ khi cơ quan nhận được hồ sơ.",
    ),
    Guide.Kind.LOOKUP: (
        "Hướng dẫn tra cứu hồ sơ qua mạng, mã QR và tin nhắn SMS",
        "Mỗi hồ sơ có một mã in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Dùng mã này để biết hồ sơ "
        "đang ở bước nào, bao giờ có kết quả.",
    ),
}


def _demo_pdf(title: str) -> ContentFile:
    html = (
        '<html lang="vi"><head><meta charset="utf-8"><style>@font-face { font-family: "Liberation Serif"; '
        'src: url("file:///usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"); } '
        'html { font-family: "Liberation Serif"; }</style></head>'
        f"<body><h1>{title}</h1><p>Văn bản minh họa của hệ thống MotCua.</p></body></html>"
    )
    return ContentFile(pdf_render(html), name="van-ban.pdf")


def seed() -> None:
    editor = User.objects.filter(username=EDITOR).first()
    agencies = {a.code: a for a in Agency.objects.all()}
    if editor is None or CITY not in agencies:
        return
    # The editorial board publishes for every agency: each top of the tree (the city, and the branches
    # outside it such as the land registration office and the tax office).
    for top in Agency.objects.filter(parent__isnull=True):
        PublishingGrant.objects.get_or_create(user=editor, agency=top)
    categories = {c.code: c for c in PublicationCategory.objects.all()}
    now = timezone.now()
    for title, category, agency, days, summary, body, legal in [*ITEMS, WITHDRAWN]:
        if Publication.objects.filter(title=title).exists() or category not in categories:
            continue
        publication = services.publication_save(
            editor=editor,
            category=categories[category],
            agency=agencies.get(agency, agencies[CITY]),
            title=title,
            summary=summary,
            body=body,
            **legal,
        )
        if legal and days is not None and days > 0:
            services.publication_attach(
                editor=editor,
                publication=publication,
                file=_demo_pdf(title),
                title=f"Toàn văn {legal['document_number']}",
            )
        if days is None:
            continue
        if days < 0:
            services.publication_publish(
                editor=editor, publication=publication, at=now + timedelta(days=-days)
            )
            continue
        services.publication_publish(editor=editor, publication=publication)
        Publication.objects.filter(pk=publication.pk).update(publish_at=now - timedelta(days=days))
    withdrawn = Publication.objects.filter(title=WITHDRAWN[0], status=Publication.Status.PUBLISHED).first()
    if withdrawn is not None:
        services.publication_withdraw(editor=editor, publication=withdrawn, reason=WITHDRAWAL_REASON)
    for kind, (title, body) in GUIDES.items():
        if not Guide.objects.filter(kind=kind).exists():
            services.guide_save(editor=editor, kind=kind, title=title, body=body)
