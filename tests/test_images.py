"""Photo loading and placement: orientation, transparency, crop/fit geometry, resolution checks, bytes."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageCms

from cardgen import images
from cardgen.errors import InputError
from cardgen.images import Photo, load_photo, place_photo
from cardgen.units import IN

WHERE = "note.toml:12: card.image"


def make(
    folder: Path,
    size: tuple[int, int],
    name: str = "photo.jpg",
    mode: str = "RGB",
    color: Any = None,
    **save: Any,
) -> Path:
    path = folder / name
    Image.new(mode, size, color if color is not None else (40, 160, 90)).save(path, **save)
    return path


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def photo_of(size: tuple[int, int]) -> Photo:
    return Photo(pixels=size, image=Image.new("RGB", size, (40, 160, 90)))


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    photo = load_photo(make(tmp_path, (200, 100), exif=exif.tobytes()), WHERE)
    assert photo.pixels == (100, 200)
    assert photo.image.size == (100, 200)


@pytest.mark.parametrize(
    ("name", "mode", "color", "extra"),
    [
        ("clear.png", "RGBA", (0, 0, 0, 0), {}),
        ("clear-grey.png", "LA", (0, 0), {}),
        ("clear.gif", "P", 0, {"transparency": 0}),
    ],
)
def test_transparency_becomes_white(tmp_path: Path, name: str, mode: str, color: Any, extra: Any) -> None:
    photo = load_photo(make(tmp_path, (300, 300), name, mode, color, **extra), WHERE)
    assert photo.image.mode == "RGB"
    placed = place_photo(photo, (0, 0, 2 * IN, 2 * IN), "fill", "home", WHERE)
    assert all(channel >= 250 for channel in decoded(placed.image.data).convert("RGB").getpixel((10, 10)))


def test_fill_crops_centrally_to_the_box(tmp_path: Path) -> None:
    image = Image.new("RGB", (4000, 3000), (220, 0, 0))  # red margins that the crop must cut away
    image.paste((0, 200, 0), (1100, 0, 2900, 3000))  # the central 1800 × 3000 strip a 3:5 box keeps
    photo = Photo(pixels=image.size, image=image)
    box = (10.0, 20.0, 3 * IN, 5 * IN)
    item = place_photo(photo, box, "fill", "shop", WHERE).image
    assert (item.x, item.y, item.w, item.h) == box
    width, height = item.pixels
    assert abs(width - height * 3 / 5) <= 1
    out = decoded(item.data)
    assert out.size == item.pixels
    for corner in ((2, 2), (width - 3, 2), (2, height - 3), (width - 3, height - 3)):
        red, green, _ = out.getpixel(corner)
        assert green > 150 and red < 60, corner


def test_fit_keeps_the_aspect_ratio_and_centres() -> None:
    box = (10.0, 20.0, 3 * IN, 5 * IN)
    item = place_photo(photo_of((4000, 3000)), box, "fit", "shop", WHERE).image
    assert item.w == pytest.approx(3 * IN)
    assert item.w / item.h == pytest.approx(4 / 3)
    assert item.x == pytest.approx(10.0)
    assert item.y + item.h / 2 == pytest.approx(20.0 + 5 * IN / 2)
    assert abs(item.pixels[0] - item.pixels[1] * 4 / 3) <= 1


@pytest.mark.parametrize(
    ("pixels", "mode", "ppi"),
    [
        ((600, 600), "fill", 300),
        ((1200, 600), "fill", 300),  # only the central 600 × 600 is printed across 2 in
        ((600, 300), "fit", 300),  # printed 2 × 1 in
        ((600, 1200), "fit", 600 * 450 / 600),  # 600 ppi, downsampled to 450
    ],
)
def test_ppi_at_the_printed_size(pixels: tuple[int, int], mode: str, ppi: float) -> None:
    placed = place_photo(photo_of(pixels), (0, 0, 2 * IN, 2 * IN), mode, "shop", WHERE)
    assert placed.ppi == pytest.approx(ppi)


def test_warning_depends_on_the_target() -> None:
    photo = photo_of((400, 400))  # 200 ppi across 2 in
    shop = place_photo(photo, (0, 0, 2 * IN, 2 * IN), "fill", "shop", WHERE)
    assert shop.ppi == pytest.approx(200)
    assert shop.warning is not None
    assert shop.warning.startswith(f"{WHERE}: 200 ppi")
    assert "300 ppi" in shop.warning and "2.0 × 2.0 in" in shop.warning and "600 × 600 pixels" in shop.warning
    assert place_photo(photo, (0, 0, 2 * IN, 2 * IN), "fill", "home", WHERE).warning is None
    home = place_photo(photo_of((280, 280)), (0, 0, 2 * IN, 2 * IN), "fill", "home", WHERE)
    assert home.warning is not None and "150 ppi" in home.warning


def test_too_few_pixels_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        place_photo(photo_of((180, 180)), (0, 0, 2 * IN, 2 * IN), "fill", "home", WHERE)
    message = str(caught.value)
    assert message.startswith(WHERE) and "90 ppi" in message and "100 ppi" in message
    assert "2.0 × 2.0 in" in message and "\n" not in message


def test_downsamples_above_max_ppi() -> None:
    placed = place_photo(photo_of((2000, 2000)), (0, 0, 2 * IN, 2 * IN), "fill", "shop", WHERE)
    assert placed.image.pixels == (900, 900)
    assert decoded(placed.image.data).size == (900, 900)
    assert placed.ppi == pytest.approx(images.MAX_PPI)
    at_limit = place_photo(photo_of((900, 900)), (0, 0, 2 * IN, 2 * IN), "fill", "shop", WHERE)
    assert at_limit.image.pixels == (900, 900)


@pytest.mark.parametrize("with_icc", [False, True])
def test_bytes_are_deterministic_and_carry_no_metadata(tmp_path: Path, with_icc: bool) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() if with_icc else None
    path = make(tmp_path, (800, 600), exif=exif.tobytes(), icc_profile=icc, comment=b"hello")
    box = (0, 0, 2 * IN, 2 * IN)
    first = place_photo(load_photo(path, WHERE), box, "fill", "home", WHERE).image.data
    second = place_photo(load_photo(path, WHERE), box, "fill", "home", WHERE).image.data
    assert first == second
    assert first[:2] == b"\xff\xd8"
    out = decoded(first)
    assert out.format == "JPEG"
    assert not {"exif", "icc_profile", "comment"} & set(out.info)


def test_huge_dimensions_in_a_header_are_refused(tmp_path: Path) -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    path = tmp_path / "bomb.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    with pytest.raises(InputError, match=r"^note\.toml:12: card\.image: .*10000\.0 megapixels"):
        load_photo(path, WHERE)


def test_more_than_the_pixel_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path, (1200, 1000))  # 1.2 MP: Pillow only warns below twice the limit
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    with pytest.raises(InputError) as caught:
        load_photo(path, WHERE)
    assert "1.2 megapixels" in str(caught.value) and "limit of 1.0 megapixels" in str(caught.value)


def test_a_text_file_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_text("not really a photo\n")
    with pytest.raises(InputError, match=r"^note\.toml:12: card\.image: .*photo\.jpg: not an image Pillow"):
        load_photo(path, WHERE)


def test_a_truncated_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(InputError, match="damaged or incomplete"):
        load_photo(path, WHERE)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^note\.toml:12: card\.image: .*nope\.jpg: no such file"):
        load_photo(tmp_path / "nope.jpg", WHERE)
    with pytest.raises(InputError, match="is a folder"):
        load_photo(tmp_path, WHERE)


def test_animated_images_use_the_first_frame(tmp_path: Path) -> None:
    path = tmp_path / "moving.gif"
    frames = [Image.new("RGB", (200, 200), color) for color in ((0, 0, 255), (255, 0, 0))]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    red, _, blue = load_photo(path, WHERE).image.getpixel((100, 100))
    assert blue > 200 and red < 50


def test_other_modes_become_rgb(tmp_path: Path) -> None:
    cmyk = load_photo(make(tmp_path, (50, 50), "cmyk.jpg", "CMYK", (0, 0, 0, 0)), WHERE).image
    assert cmyk.mode == "RGB" and min(cmyk.getpixel((5, 5))) >= 250
    deep = load_photo(make(tmp_path, (50, 50), "deep.png", "I;16", 60000), WHERE).image
    assert deep.mode == "RGB" and deep.getpixel((5, 5)) == (234, 234, 234)  # 60000 / 256, not clipped
